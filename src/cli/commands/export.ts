// `acts export --recipient ID [--from DATE] [--to DATE] --out DIR`: an admin's tool on the bot's machine to
// write a recipient's evidence bundle. (People reach the same export through the bot's chat commands, which
// check that the caller is the recipient or a moderator; see evidence/export-for-caller.ts.)
import { parseArgs } from 'node:util';
import { parsePersonKey } from '../../core/keys.js';
import { loadConfig } from '../../config/config.js';
import { openArchiveFromConfig } from '../../evidence/open-from-config.js';
import { EvidenceError } from '../../evidence/errors.js';
import { CliError } from '../command.js';

const USAGE = `usage: acts export --recipient ID [--from DATE] [--to DATE] --out DIR [--workspace ID] [--tz ZONE] [--no-pdf]

  --recipient ID   whose evidence: telegram:123, discord:123, slack:T1:U1, email:a@b.c
  --from, --to     only events on or after / on or before this date (YYYY-MM-DD, whole days in UTC, or ISO 8601)
  --out DIR        a new or empty folder for the bundle
  --workspace ID   only messages of this workspace / guild / group (a moderator's export)
  --tz ZONE        time zone of the report (IANA name); default the machine's
  --no-pdf         skip report.pdf
`;

export function parseDate(value: string | undefined, flag: string, endOfDay: boolean): Date | undefined {
  if (value === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value);
  if (Number.isNaN(date.getTime())) throw new CliError(`${flag} '${value}' is not a date (use YYYY-MM-DD or ISO 8601)`);
  return date;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      recipient: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      workspace: { type: 'string' },
      tz: { type: 'string' },
      'no-pdf': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.recipient) throw new CliError(`--recipient is required\n\n${USAGE}`);
  if (!values.out) throw new CliError(`--out is required\n\n${USAGE}`);
  if (!parsePersonKey(values.recipient)) throw new CliError(`'${values.recipient}' is not a recipient key (telegram:123, discord:123, slack:T1:U1, email:a@b.c)`);
  const from = parseDate(values.from, '--from', false);
  const to = parseDate(values.to, '--to', true);
  const config = loadConfig();
  const archive = await openArchiveFromConfig(config);
  try {
    const result = await archive.exportBundle({
      recipientKey: values.recipient,
      from,
      to,
      outDir: values.out,
      workspaceId: values.workspace,
      timeZone: values.tz,
      pdf: !values['no-pdf'],
    });
    if (result.count === 0) throw new CliError(`no evidence records for ${values.recipient}${from || to ? ' in that period' : ''}`, 1);
    process.stdout.write(`exported ${result.count} records for ${values.recipient} to ${result.outDir}\n${result.files.map((f) => `  ${f}\n`).join('')}`);
    if (result.pdfSkipped) process.stderr.write(`acts export: report.pdf skipped: ${result.pdfSkipped}\n`);
    process.stderr.write(`check it with: npx acts verify ${result.outDir}\n`);
    return 0;
  } catch (error) {
    if (error instanceof EvidenceError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    await archive.close();
  }
}
