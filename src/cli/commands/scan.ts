// `acts scan FILE_OR_ZIP --recipient ID_OR_NAME`: runs ACTS offline over an exported chat history or
// mailbox for one recipient and archives what it finds as evidence marked as imported.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatSummary } from '../../scan/format-summary.js';
import type { ImportMark } from '../../scan/import-mark.js';
import type { ScanSummary } from '../../scan/summary.js';
import { openSource } from '../../scan/open-source.js';
import { progressBar } from '../../scan/progress-bar.js';
import { PersonNotFoundError, resolvePerson, type ResolvedPerson } from '../../scan/resolve-person.js';
import { readRulesFile, RulesFileError, type RuleInput } from '../../scan/rules-file.js';
import type { OpenRuntime, ScanRuntime } from '../../scan/runtime.js';
import { scanHistory, ScanStoppedError } from '../../scan/scan-history.js';
import { sourceSha256 } from '../../scan/source-hash.js';
import { SCAN_FORMATS, ScanInputError, type ScanFormat } from '../../scan/types.js';
import { WhoisClient, whoisEnricher } from '../../scan/whois.js';
import { CliError } from '../command.js';

const USAGE = `usage: acts scan FILE_OR_ZIP --recipient ID_OR_NAME [options]

Reads an exported history offline, runs ACTS for the recipient in time order, and archives what is
flagged or grey as evidence marked as imported. Nothing touches the network unless --whois is given.

  --recipient ID_OR_NAME  whose messages: an id as the export writes it (user123, a snowflake, U123,
                          an email address) or a display name in the export
  --format FORMAT         auto (default), ${SCAN_FORMATS.join(', ')}
  --rules RULES.json      the recipient's own rules: [{"when": {"kind": "word", "word": "birthday"}}]
  --offender ID_OR_NAME   a sender the recipient confirms as an offender (repeatable)
  --whois                 look up each mail's originating IP and sender domain over WHOIS (TCP 43)
  --whois-server HOST:PORT  first WHOIS server (default whois.iana.org, then its referral)
  --data-dir DIR          the bot's data folder (default ACTS_DATA_DIR or ./data)
  --json                  print the summary as JSON
`;

async function defaultRuntime(): Promise<OpenRuntime> {
  const { openActsRuntime } = await import('../../scan/acts-runtime.js');
  return openActsRuntime;
}

export async function runScan(args: string[], openRuntime?: OpenRuntime): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      recipient: { type: 'string' },
      format: { type: 'string', default: 'auto' },
      rules: { type: 'string' },
      offender: { type: 'string', multiple: true },
      whois: { type: 'boolean' },
      'whois-server': { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(`name one export file, zip or folder\n\n${USAGE}`);
  if (!values.recipient) throw new CliError(`--recipient is required\n\n${USAGE}`);
  const format = values.format as ScanFormat | 'auto';
  if (format !== 'auto' && !SCAN_FORMATS.includes(format)) throw new CliError(`--format must be auto or one of ${SCAN_FORMATS.join(', ')}`);
  if (values['whois-server'] && !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/.test(values['whois-server'])) throw new CliError('--whois-server must be HOST or HOST:PORT');

  try {
    let rules: RuleInput[] = [];
    if (values.rules) rules = await readRulesFile(values.rules);
    const source = await openSource(file, format);
    let runtime: ScanRuntime;
    let recipient: ResolvedPerson;
    let imported: ImportMark;
    const offenders: string[] = [];
    try {
      const reopen = () => openSource(file, source.format);
      recipient = await resolvePerson(source, values.recipient, reopen);
      for (const who of values.offender ?? []) offenders.push((await resolvePerson(source, who, reopen)).key);
      imported = { sourceFile: path.basename(path.resolve(file)), sourceSha256: await sourceSha256(file) };
      runtime = await (openRuntime ?? (await defaultRuntime()))({ imported, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) });
    } catch (error) {
      await source.close();
      throw error;
    }
    const whois = values.whois ? new WhoisClient(values['whois-server'] ? { server: values['whois-server'] } : {}) : undefined;
    const bar = progressBar();
    try {
      const existing = new Set((await runtime.state.get(recipient.key)).rules.map((r) => JSON.stringify(r.when)));
      for (const rule of rules) if (!existing.has(JSON.stringify(rule.when))) await runtime.state.addRule(recipient.key, rule);
      const summary = await scanHistory({
        source,
        recipient,
        analyser: runtime.analyser,
        state: runtime.state,
        offenders,
        ...(whois ? { enrich: whoisEnricher(whois) } : {}),
        onProgress: (p) => bar.update(p),
      });
      bar.stop();
      const result: ScanSummary = { ...summary, sourceSha256: imported.sourceSha256, ...(whois ? { whoisLookups: whois.lookups } : {}) };
      process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatSummary(result));
      if (summary.stoppedAt) process.stderr.write(`acts scan: stopped early at ${summary.stoppedAt.position}: ${summary.stoppedAt.problem}\n`);
      return summary.stoppedAt ? 1 : 0;
    } finally {
      bar.stop();
      await runtime.close();
    }
  } catch (error) {
    if (error instanceof ScanInputError || error instanceof PersonNotFoundError || error instanceof RulesFileError || error instanceof ScanStoppedError) {
      throw new CliError(error.message, 1);
    }
    throw error;
  }
}

export function run(args: string[]): Promise<number> {
  return runScan(args);
}
