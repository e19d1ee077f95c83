// Where the evidence module keeps what in the key-value store. Records are the facts; every other entry is
// an index derived from them and can be rebuilt from the records (chain-state.ts does, after a crash).
import { createHash } from 'node:crypto';
import type { EvidenceRecord, Platform } from '../core/types.js';

/**
 * Write-once prefixes: the store refuses to overwrite them with other bytes (SQLite: a trigger aborts the
 * batch). Besides the records and their dedup entries, the Merkle log's leaves, subtrees and leaf indexes
 * (`g:`, `n:`, `x:`): a second process appending with a stale view of the log (`acts hold` or `acts scan`
 * while the bot runs) then fails and retries instead of overwriting the other's leaves.
 */
export const APPEND_ONLY_PREFIXES = ['r:', 'm:', 'u:', 'd:', 'g:', 'n:', 'x:'] as const;

/**
 * Encrypted at rest: the records (all message content, names, verdicts), recipient keys and issued
 * checkpoints. The other entries hold hashes, counts and record ids, checked where they are used.
 */
export const ENCRYPTED_PREFIXES = ['r:', 'p:', 'c:', 'd:'] as const;

const enc = (part: string): string => encodeURIComponent(part);

const tags = new Map<string, string>();

/** A short, stable name for a recipient's chain; the recipient key itself is kept under `p:`. */
export function recipientTag(recipientKey: string): string {
  let tag = tags.get(recipientKey);
  if (tag === undefined) {
    tag = createHash('sha256').update(recipientKey, 'utf8').digest('hex').slice(0, 16);
    // A bounded memo: the same few recipients come back all the time.
    if (tags.size >= 10_000) tags.clear();
    tags.set(recipientKey, tag);
  }
  return tag;
}

export const layout = {
  record: (tag: string, seq: number): string => `r:${tag}:${String(seq).padStart(12, '0')}`,
  recordPrefix: (tag: string): string => `r:${tag}:`,
  /** The signed tombstone that replaces a record retention deleted (the `r:` entry is then removed). */
  tombstone: (tag: string, seq: number): string => `d:${tag}:${String(seq).padStart(12, '0')}`,
  tombstonePrefix: (tag: string): string => `d:${tag}:`,
  /** Whether a legal hold stops retention for the recipient: `on` / `off`, from their latest legal-hold record. */
  hold: (tag: string): string => `l:${tag}`,
  /** The dedup entry of a message for one recipient; its value is the record id. */
  message: (platform: Platform, messageId: string, channelId: string, tag: string): string => `m:${enc(platform)}:${enc(messageId)}:${enc(channelId)}:${tag}`,
  messagePrefix: (platform: Platform, messageId: string): string => `m:${enc(platform)}:${enc(messageId)}:`,
  /** The dedup entry of an edit or deletion of an archived record. */
  followUp: (originalId: string, what: string): string => `u:${originalId}:${what}`,
  head: (tag: string): string => `h:${tag}`,
  recipient: (tag: string): string => `p:${tag}`,
  recipientPrefix: 'p:',
  publicKey: (keyId: string): string => `k:${keyId}`,
  activeKey: 'a:signing-key',
};

export function recordId(tag: string, seq: number): string {
  return `${tag}-${seq}`;
}

export function parseRecordId(id: string): { tag: string; seq: number } | undefined {
  const match = /^([0-9a-f]{16})-(\d{1,12})$/.exec(id);
  return match ? { tag: match[1]!, seq: Number(match[2]) } : undefined;
}

/** What an edit or deletion is deduplicated on: one deletion per original, one edit per (time, text). */
export function followUpDiscriminator(record: Pick<EvidenceRecord, 'kind' | 'occurredAt' | 'message'>): string {
  if (record.kind === 'deletion') return 'deletion';
  const text = createHash('sha256').update(record.message?.text ?? '', 'utf8').digest('hex').slice(0, 16);
  return `edit:${record.occurredAt ?? ''}:${text}`;
}

/** The index entries a record implies; written with it, and rebuilt from it after a crash. */
export function indexEntries(record: EvidenceRecord, tag: string): Array<[string, string]> {
  if (record.kind === 'message' && record.message) {
    const m = record.message;
    return [[layout.message(m.platform, m.messageId, m.channelId, tag), record.id]];
  }
  if (record.kind === 'legal-hold' && record.hold) return [[layout.hold(tag), record.hold.on ? 'on' : 'off']];
  if ((record.kind === 'edit' || record.kind === 'deletion') && record.refersTo) {
    return [[layout.followUp(record.refersTo, followUpDiscriminator(record)), record.id]];
  }
  return [];
}
