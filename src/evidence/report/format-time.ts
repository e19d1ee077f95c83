// Times in a report: the reader's zone with its offset, and UTC beside it, so nobody has to convert.
import { EvidenceError } from '../errors.js';

export type TimeFormatter = (iso: string | undefined) => string;

export function timeFormatter(timeZone: string): TimeFormatter {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    });
  } catch {
    throw new EvidenceError('export', `unknown time zone '${timeZone}' (use an IANA name such as Europe/London)`);
  }
  const parts = (date: Date): string => {
    const p = Object.fromEntries(format.formatToParts(date).map((x) => [x.type, x.value]));
    const offset = p.timeZoneName === 'GMT' ? 'UTC+00:00' : String(p.timeZoneName).replace('GMT', 'UTC');
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${offset}`;
  };
  const utc = (date: Date): string => date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return (iso) => {
    if (!iso) return 'unknown';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return `unreadable time "${iso}"`;
    return timeZone === 'UTC' ? utc(date) : `${parts(date)} (${timeZone}); ${utc(date)}`;
  };
}

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
