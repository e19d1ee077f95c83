// `acts eval [--json] [--only AREA,...]`: every area's figures on the development data.
import { parseArgs } from 'node:util';
import { formatTable, type EvalSection } from '../report.js';
import { loadSections } from '../sections.js';
import { sharedDir } from '../shared-dir.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write('usage: acts eval [--json] [--only detection,identification]\n');
    return 0;
  }
  const sections = await loadSections<EvalSection>('evaluate.ts', 'evaluate', values.only?.split(','));
  const json: Record<string, unknown> = {};
  for (const { fn } of sections) {
    const section = await (fn as (o: { sharedDir: string; json: boolean }) => Promise<EvalSection>)({ sharedDir: sharedDir(), json: values.json ?? false });
    json[section.key] = section.json;
    process.stdout.write(`\n== ${section.title}\n${formatTable(section.table)}\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(json)}\n`);
  return 0;
}
