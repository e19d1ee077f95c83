// `acts classify [--input FILE.jsonl] [--model FILE]`: one verdict line per valid input line, in input
// order, streamed (no whole-file buffering) so files of millions of lines go through in constant memory.
import { parseArgs } from 'node:util';
import { loadDetector } from '../../detection/detector.js';
import { loadDictionary } from '../../personalisation/dictionary.js';
import { dictionaryMatcher } from '../../personalisation/personalise.js';
import { createTextClassifier } from '../../pipeline/text-verdict.js';
import { ModelFileError } from '../../detection/model-file.js';
import { CliError } from '../command.js';
import { createLineWriter, readIdTextLines, type JsonlStats } from '../jsonl.js';

const HELP = `usage: acts classify [--input FILE.jsonl] [--model FILE]

Reads JSON lines {"id": string|number, "text": string} from FILE (stdin when omitted or "-") and
writes one line per valid input, in input order:
  {"id": "...", "verdict": "clean"|"grey"|"cyberstalking", "score": 0..1}
score is the detector's calibrated probability that the text is offensive. A malformed line is
reported on stderr with its line number and skipped; the exit code is then 1.

options:
  --input FILE   JSONL input (default: stdin)
  --model FILE   detector model (default: models/detector.bin)
  --help         this text
`;

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { input: { type: 'string', short: 'i' }, model: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  let detector;
  try {
    detector = loadDetector(values.model);
  } catch (e) {
    if (e instanceof ModelFileError) throw new CliError(e.message);
    throw e;
  }
  const classify = createTextClassifier(detector, dictionaryMatcher(loadDictionary()));
  const stats: JsonlStats = { bad: 0 };
  const out = createLineWriter();
  for await (const { id, text } of readIdTextLines(values.input, stats)) {
    const { verdict, score } = classify(text);
    const pending = out.write({ id, verdict, score });
    if (pending) await pending;
  }
  await out.end();
  return stats.bad > 0 ? 1 : 0;
}
