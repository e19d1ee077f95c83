// The scan's summary as a person reads it (stdout): what was read, what was found, from whom, and where
// the scan stopped if it could not finish.
import type { ScanSummary } from './summary.js';

const day = (iso: string | undefined): string => (iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC') : '—');

export function formatSummary(s: ScanSummary): string {
  const lines: string[] = [];
  lines.push(`Scanned ${s.file} (${s.format}) for ${s.recipient.name ? `${s.recipient.name} (${s.recipient.key})` : s.recipient.key}`);
  if (s.sourceSha256) lines.push(`  source SHA-256        ${s.sourceSha256}`);
  lines.push(`  messages read         ${s.read}   (${s.fromRecipient} by the recipient)`);
  lines.push(`  first / last          ${day(s.firstAt)}  →  ${day(s.lastAt)}`);
  lines.push(`  aimed at recipient    ${s.analysed}   (DM ${s.byReason.dm}, mention ${s.byReason.mention}, reply ${s.byReason.reply}; ${s.attachmentOnly} attachment-only)`);
  lines.push(`  cyberstalking         ${s.flagged}`);
  lines.push(`  grey                  ${s.grey}`);
  lines.push(`  clean                 ${s.clean}`);
  lines.push(`  archived as evidence  ${s.archived} new, ${s.alreadyArchived} already in the archive`);
  if (s.whoisLookups !== undefined) lines.push(`  WHOIS queries         ${s.whoisLookups}`);
  const skipped = Object.entries(s.skipped).sort((a, b) => b[1] - a[1]);
  lines.push(`  skipped               ${skipped.reduce((n, [, c]) => n + c, 0)}`);
  for (const [reason, count] of skipped) lines.push(`    ${String(count).padStart(6)}  ${reason}  (e.g. ${s.skipExamples[reason]?.join('; ') ?? ''})`);
  if (s.outOfOrder > 0) lines.push(`  out of order          ${s.outOfOrder} messages were older than the one before them`);
  if (s.senders.length > 0) {
    lines.push('', 'Per sender (messages aimed at the recipient):');
    lines.push(`  ${'sender'.padEnd(52)} ${'msgs'.padStart(6)} ${'flagged'.padStart(8)} ${'grey'.padStart(6)}  note`);
    for (const x of s.senders.slice(0, 50)) {
      const note = [x.listed ? 'known offender' : '', x.writingMatches > 0 && !x.listed ? `writes like a confirmed offender (${x.writingMatches} msgs, α ≤ ${x.bestIdentificationScore.toFixed(2)})` : ''].filter(Boolean).join('; ');
      lines.push(`  ${`${x.name} (${x.key})`.slice(0, 52).padEnd(52)} ${String(x.messages).padStart(6)} ${String(x.flagged).padStart(8)} ${String(x.grey).padStart(6)}  ${note}`);
    }
    if (s.senders.length > 50) lines.push(`  … and ${s.senders.length - 50} more (use --json for all)`);
  }
  lines.push('', s.writingMatchesOffender.length > 0 ? 'Senders whose writing matches a confirmed offender (identification α):' : 'No other sender\'s writing matched a confirmed offender (identification α).');
  for (const x of s.writingMatchesOffender) lines.push(`  ${x.name} (${x.key}): ${x.writingMatches} of ${x.messages} messages, best score ${x.bestIdentificationScore.toFixed(2)}`);
  for (const note of s.notes) lines.push('', `Note: ${note}`);
  if (s.stoppedAt) lines.push('', `STOPPED EARLY at ${s.stoppedAt.position}: ${s.stoppedAt.problem}. Everything before that point was scanned and archived.`);
  return `${lines.join('\n')}\n`;
}
