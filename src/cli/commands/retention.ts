// `acts retention [--dry-run] [--days N]`: applies the retention period now (the running bot also does so
// daily). Expired records become signed tombstones; recipients under a legal hold (`acts hold`) are skipped.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { openArchiveFromConfig } from '../../evidence/open-from-config.js';
import { retentionCutoff } from '../../evidence/retention.js';
import { CliError } from '../command.js';

const USAGE = `usage: acts retention [--dry-run] [--days N]

  --dry-run   count what would be deleted, change nothing
  --days N    retention period in days; default ACTS_RETENTION_DAYS
`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = loadConfig();
  let days = config.retentionDays;
  if (values.days !== undefined) {
    if (!/^\d+$/.test(values.days) || Number(values.days) < 1) throw new CliError(`--days must be a whole number of days (1 or more), got '${values.days}'`);
    days = Number(values.days);
  }
  if (days === undefined) throw new CliError(`no retention period: set ACTS_RETENTION_DAYS or pass --days\n\n${USAGE}`);
  const archive = await openArchiveFromConfig(config);
  try {
    const dryRun = values['dry-run'] === true;
    const report = await archive.applyRetention({ cutoff: retentionCutoff(days), rule: values.days === undefined ? `ACTS_RETENTION_DAYS=${days}` : `acts retention --days ${days}`, dryRun });
    const verb = dryRun ? 'would delete' : 'deleted';
    process.stdout.write(`${verb} ${report.deleted} records of ${report.recipients} recipients archived more than ${days} days ago; ${report.held} recipients under legal hold skipped\n`);
    return 0;
  } finally {
    await archive.close();
  }
}
