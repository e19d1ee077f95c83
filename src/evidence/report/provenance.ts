// Where a record's message came from, for the report: the exported history it was imported from (by file
// name and SHA-256), and for an email the facts its headers give about its origin. Every value is escaped.
import type { EvidenceRecord } from '../../core/types.js';
import { escapeHtml } from './escape.js';
import type { TimeFormatter } from './format-time.js';

interface EmailFacts {
  messageId?: string | null;
  senderDomain?: string;
  originatingIp?: { ip: string; method: string } | null;
  authentication?: { spf?: string; dkim?: string; dmarc?: string } | null;
  received?: unknown[];
}

interface WhoisAnswer {
  server?: string;
  at?: string;
  answer?: string;
  error?: string;
}

export function importedFrom(record: EvidenceRecord): string | undefined {
  const mark = record.imported;
  if (!mark) return undefined;
  return `Imported from the exported history <code>${escapeHtml(mark.sourceFile)}</code> <span class="muted">(SHA-256 ${escapeHtml(mark.sourceSha256)})</span>`;
}

export function emailOrigin(record: EvidenceRecord, time: TimeFormatter): string | undefined {
  const email = record.message?.extra?.email as EmailFacts | undefined;
  if (!email || typeof email !== 'object') return undefined;
  const parts: string[] = [];
  if (email.messageId) parts.push(`Message-ID ${escapeHtml(email.messageId)}`);
  if (email.senderDomain) parts.push(`sender domain ${escapeHtml(email.senderDomain)}`);
  if (email.originatingIp?.ip) parts.push(`originating IP ${escapeHtml(email.originatingIp.ip)} <span class="muted">(${escapeHtml(email.originatingIp.method)})</span>`);
  const auth = email.authentication;
  if (auth) parts.push(`SPF ${escapeHtml(auth.spf ?? 'none')}, DKIM ${escapeHtml(auth.dkim ?? 'none')}, DMARC ${escapeHtml(auth.dmarc ?? 'none')}`);
  if (Array.isArray(email.received)) parts.push(`${email.received.length} Received headers kept in the record`);
  const whois = record.message?.extra?.whois as Record<string, WhoisAnswer[]> | undefined;
  for (const [what, answers] of Object.entries(whois ?? {})) {
    const last = Array.isArray(answers) ? answers.at(-1) : undefined;
    if (last) parts.push(`WHOIS (${escapeHtml(what)}) from ${escapeHtml(last.server)} at ${escapeHtml(time(last.at))}${last.error ? `: ${escapeHtml(last.error)}` : ' (answer kept in the record)'}`);
  }
  return parts.length > 0 ? parts.join('<br>') : undefined;
}
