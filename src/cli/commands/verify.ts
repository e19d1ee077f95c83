// `acts verify DIR [--key FINGERPRINT] [--json]`: checks an evidence bundle offline. Exit 0 when every
// signature, chain link and manifest claim holds; 1 with the first bad record named otherwise.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkGrowth } from '../../evidence/verify/previous-bundle.js';
import { describe } from '../../evidence/verify/problems.js';
import { verifyBundle } from '../../evidence/verify/verify-bundle.js';
import { CliError } from '../command.js';

const USAGE = `usage: acts verify DIR [--key FINGERPRINT] [--previous OLD_DIR] [--json]

  DIR             an evidence bundle folder (records.jsonl, proofs.jsonl, manifest.json, signatures)
  --key FP        also require the chain's first key to have this fingerprint (as the bot's operator publishes it)
  --previous DIR  also require that DIR's log contains the log of this earlier bundle (the archive only grew)
  --json          print the result as JSON
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' }, previous: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dir = positionals[0];
  if (!dir || positionals.length > 1) throw new CliError(`give one bundle folder\n\n${USAGE}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${dir} is not a folder`);
  const result = await verifyBundle(dir);
  if (values.key) {
    const wanted = values.key.replace(/[\s:]/g, '').toLowerCase();
    const anchor = result.fingerprints[0]?.replace(/\s/g, '') ?? '';
    if (wanted.length < 16 || !anchor.startsWith(wanted.slice(0, 32))) {
      result.ok = false;
      result.problems.push({ scope: 'manifest', message: `the chain's first key has fingerprint ${result.fingerprints[0] ?? 'none'}, not ${values.key}` });
    }
  }
  if (values.previous) {
    const growth = await checkGrowth(dir, values.previous);
    if (growth.length > 0) result.ok = false;
    result.problems.push(...growth);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (result.ok) {
    process.stdout.write(
      `OK: ${result.count} records for ${result.recipient}, ${result.firstTime ?? '-'} to ${result.lastTime ?? '-'}\n` +
        `  every signature, chain link, log inclusion proof and manifest claim checks out\n  last record hash ${result.headHash}\n` +
        `  log ${result.checkpoint?.origin}: ${result.checkpoint?.size} records, root ${result.checkpoint?.rootHash}${values.previous ? `, extends ${values.previous}` : ''}\n` +
        `  signing keys: ${result.fingerprints.join('; ')}\n` +
        // The report is rendered from the records for reading and carries the person's own statement, so it
        // is not signed: a reader should know that what this OK covers is records.jsonl, not report.html.
        `  not covered: report.html and report.pdf are reading copies rendered from the records, not signed; quote records.jsonl\n`,
    );
  } else {
    const lines = result.problems.slice(0, 50).map((p) => `  - ${describe(p)}`);
    const first = result.firstBad ? `first bad record: ${result.firstBad.id ?? '?'} (records.jsonl line ${result.firstBad.line})` : 'the bundle does not match its manifest';
    process.stdout.write(`FAILED: ${first}\n${lines.join('\n')}\n${result.problems.length > 50 ? `  … and ${result.problems.length - 50} more\n` : ''}`);
  }
  return result.ok ? 0 : 1;
}
