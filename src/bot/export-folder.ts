// Where the bot writes the bundles people ask for in chat: <exportDir>/<person folder>/<stamp>/. The export
// command makes these names and the export sweep removes only folders of exactly this shape, so both read
// the shape from here.
import { createHash } from 'node:crypto';

/** A person key as a folder name: no separators, no dots, nothing a key could use to leave the export folder. */
export function safeDirName(key: string): string {
  const digest = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 10);
  return `${key.replace(/[^A-Za-z0-9_-]/gu, '_').slice(0, 100)}-${digest}`;
}

/** What safeDirName makes, and nothing else. */
const PERSON_FOLDER = /^[A-Za-z0-9_-]{0,100}-[0-9a-f]{10}$/u;

export function isPersonFolderName(name: string): boolean {
  return PERSON_FOLDER.test(name);
}

/** One export's folder name: the moment it was made, as an ISO time with `:` and `.` replaced by `-`. */
export function exportStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/gu, '-');
}

const STAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/u;

/** When an export folder named by exportStamp was made; undefined for any other name. */
export function exportStampTime(name: string): number | undefined {
  const parts = STAMP.exec(name);
  if (!parts) return undefined;
  const [, day, hours, minutes, seconds, millis] = parts;
  const ms = Date.parse(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isFinite(ms) && exportStamp(ms) === name ? ms : undefined;
}
