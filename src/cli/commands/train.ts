// `acts train [--only AREA,...]`: trains every area's model (src/<area>/train.ts) from the shared data
// and writes the artifacts into models/.
import { parseArgs } from 'node:util';
import { loadSections } from '../sections.js';
import { sharedDir } from '../shared-dir.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { only: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write('usage: acts train [--only detection,identification]\n');
    return 0;
  }
  for (const { area, fn } of await loadSections<void>('train.ts', 'train', values.only?.split(','))) {
    process.stderr.write(`acts train: ${area}\n`);
    await (fn as (o: { sharedDir: string }) => Promise<void>)({ sharedDir: sharedDir() });
  }
  return 0;
}
