// `acts identify --known KNOWN.jsonl [--input FILE.jsonl]`: does the offender who wrote KNOWN's messages
// also write each input line? One output line per valid input line, in input order. A line's text may be
// a burst: several messages of one sender joined by newlines, judged together.
import { parseArgs } from 'node:util';
import type { VerdictLabel } from '../../core/types.js';
import { CliError } from '../command.js';
import { createLineWriter, readIdTextLines, type JsonlStats } from '../jsonl.js';

const USAGE = `usage: acts identify --known KNOWN.jsonl [--input FILE.jsonl] [--model FILE]

  --known FILE   one offender's earlier messages, JSONL lines {"id","text"}
  --input FILE   messages to judge, JSONL lines {"id","text"} (default: stdin); a text with
                 several lines is a burst of that sender's messages, judged together
  --model FILE   writeprint model (default: models/writeprint.json)

Writes one line per input line: {"id","verdict":"clean"|"grey"|"cyberstalking","score":0..1},
where a higher score means more likely written by the known offender. Malformed lines are reported
on stderr with their line number and skipped; the exit code is then 1.
`;

const VERDICT: Record<string, VerdictLabel> = { not: 'clean', grey: 'grey', cyberstalking: 'cyberstalking' };

function options(args: string[]): { known?: string; input?: string; model?: string; help?: boolean } {
  try {
    return parseArgs({ args, options: { known: { type: 'string' }, input: { type: 'string' }, model: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${USAGE}`);
  }
}

export async function run(args: string[]): Promise<number> {
  const values = options(args);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.known) throw new CliError(`--known KNOWN.jsonl is required\n${USAGE}`);
  const stats: JsonlStats = { bad: 0 };
  const known: string[] = [];
  for await (const row of readIdTextLines(values.known, stats)) known.push(row.text);
  // Loaded only once the arguments are known to be usable, so mistakes are reported at once.
  const { loadIdentifier } = await import('../../identification/identifier.js');
  let identifier;
  try {
    identifier = loadIdentifier(values.model);
  } catch (e) {
    throw new CliError(`cannot load the writeprint model: ${(e as Error).message}`);
  }
  const profile = identifier.buildProfile(known);
  if (profile.size === 0) throw new CliError(`${values.known} holds no usable message: the known offender needs at least one message with text`);
  const out = createLineWriter();
  for await (const row of readIdTextLines(values.input, stats)) {
    const burst = row.text.split(/\r?\n/).map((t) => identifier.writeprint(t));
    const result = identifier.identify(profile, burst);
    const pending = out.write({ id: row.id, verdict: VERDICT[result.label] ?? 'clean', score: Math.round(result.score * 1e4) / 1e4 });
    if (pending) await pending;
  }
  await out.end();
  return stats.bad > 0 ? 1 : 0;
}
