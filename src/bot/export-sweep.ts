// Removes the server copies of bundles people exported in chat (<ACTS_DATA_DIR>/exports) once they are no
// longer needed. They are plain, unencrypted copies of evidence the archive keeps encrypted, and retention
// does not reach them, so they must not outlive the keep period (nor the retention period, when shorter).
// The archive is never touched. Only folders of the shape the export command makes are removed: the sweep
// follows no symlink, never leaves the exports folder, and reports anything else it finds there.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../observability/logger.js';
import { exportStampTime, isPersonFolderName } from './export-folder.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface ExportKeep {
  keepMs: number;
  /** The setting that decided keepMs, logged with each removal. */
  rule: string;
}

/** The keep period, never longer than the retention period when one is set. */
export function exportKeep(keepHours: number, retentionDays?: number): ExportKeep {
  const keep: ExportKeep = { keepMs: keepHours * HOUR_MS, rule: `ACTS_EXPORT_KEEP_HOURS=${keepHours}` };
  if (retentionDays !== undefined && retentionDays * DAY_MS < keep.keepMs) return { keepMs: retentionDays * DAY_MS, rule: `ACTS_RETENTION_DAYS=${retentionDays}` };
  return keep;
}

export interface ExportSweepReport {
  removed: number;
  kept: number;
  /** Entries the sweep did not recognise and left alone (each logged). */
  skipped: number;
  failed: number;
}

export async function sweepExports(exportDir: string, keep: ExportKeep, now: number, log: Logger): Promise<ExportSweepReport> {
  const report: ExportSweepReport = { removed: 0, kept: 0, skipped: 0, failed: 0 };
  const top = await lstatIfPresent(exportDir);
  if (!top) return report;
  if (!top.isDirectory()) {
    log.warn({ kind: kindOf(top) }, 'export sweep: the exports folder is not a plain folder (a symlink?); nothing is removed from it');
    report.skipped += 1;
    return report;
  }
  for (const person of await readdir(exportDir, { withFileTypes: true })) {
    // A Dirent is the entry itself, never what a symlink points to.
    if (!person.isDirectory() || !isPersonFolderName(person.name)) {
      skip(log, report, person, person.name);
      continue;
    }
    await sweepPerson(path.join(exportDir, person.name), person.name, keep, now, log, report).catch((error: unknown) => {
      // One unreadable folder must not stop the sweep of everyone else's.
      log.error({ folder: person.name, code: (error as { code?: unknown }).code }, 'export sweep: could not read a person folder; the next sweep tries again');
      report.failed += 1;
    });
  }
  return report;
}

async function sweepPerson(personDir: string, personName: string, keep: ExportKeep, now: number, log: Logger, report: ExportSweepReport): Promise<void> {
  for (const bundle of await readdir(personDir, { withFileTypes: true })) {
    const madeAt = bundle.isDirectory() ? exportStampTime(bundle.name) : undefined;
    const folder = `${personName}/${bundle.name}`;
    if (madeAt === undefined) {
      skip(log, report, bundle, folder);
      continue;
    }
    const ageMs = now - madeAt;
    if (ageMs < keep.keepMs) {
      report.kept += 1;
      continue;
    }
    await removeBundle(path.join(personDir, bundle.name), { folder, ageHours: Math.floor(ageMs / HOUR_MS), rule: keep.rule }, log, report);
  }
  // rmdir removes only an empty folder. An export that starts meanwhile either fills it first (then it
  // stays) or finds it gone, and its recursive mkdir makes it again.
  await rmdir(personDir).catch(() => undefined);
}

async function removeBundle(dir: string, fields: { folder: string; ageHours: number; rule: string }, log: Logger, report: ExportSweepReport): Promise<void> {
  try {
    const files = await countFiles(dir);
    // fs.rm unlinks a symlink inside the folder; it never removes what the link points to.
    await rm(dir, { recursive: true });
    log.info({ ...fields, files }, 'export sweep: server copy of an exported bundle removed');
    report.removed += 1;
  } catch (error) {
    log.error({ ...fields, code: (error as { code?: unknown }).code }, 'export sweep: could not remove a server copy; the next sweep tries again');
    report.failed += 1;
  }
}

/** Regular files in a bundle folder and its subfolders, without following links. */
async function countFiles(dir: string): Promise<number> {
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) files += 1;
    else if (entry.isDirectory()) files += await countFiles(path.join(dir, entry.name));
  }
  return files;
}

function skip(log: Logger, report: ExportSweepReport, entry: Dirent, name: string): void {
  log.warn({ entry: name.slice(0, 160), kind: kindOf(entry) }, 'export sweep: not a folder the bot made; left alone');
  report.skipped += 1;
}

function kindOf(entry: Dirent | Stats): string {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  return 'other';
}

async function lstatIfPresent(file: string): Promise<Stats | undefined> {
  try {
    return await lstat(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}
