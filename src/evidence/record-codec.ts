// One record ⇄ one line of canonical JSON. The signature covers the record without `sig`; the chain hash
// covers the whole line (signature included), so the chain also pins every signature.
import { createHash } from 'node:crypto';
import type { EvidenceRecord } from '../core/types.js';
import { canonicalMembers, canonicalObject } from './canonical-json.js';
import { PAYLOAD_TYPES, type Signer } from './signing.js';

export type UnsignedRecord = Omit<EvidenceRecord, 'sig'>;

export const GENESIS_HASH = '0'.repeat(64);

/** Largest record line the archive writes: far above any chat message (Discord 4,000 chars, Slack 40,000). */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

export interface SignedLine {
  record: EvidenceRecord;
  /** Canonical JSON of the full record: one line of records.jsonl, and what the store holds. */
  line: string;
  /** The line's UTF-8 bytes (what is hashed, and the leaf in the archive's log). */
  bytes: Buffer;
  /** Hex SHA-256 of the line's UTF-8 bytes: the next record's `prev`. */
  hash: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A record's canonical members split around where `sig` sorts: the line with and without the signature are
 * then two concatenations of the same parts, with no second canonicalisation.
 */
function aroundSig(record: UnsignedRecord | EvidenceRecord): { before: string; after: string; sig?: string } {
  const members = canonicalMembers(record as unknown as Record<string, unknown>);
  const at = members.findIndex(([key]) => key >= 'sig');
  const rest = at === -1 ? [] : members.slice(at);
  const sig = rest[0]?.[0] === 'sig' ? rest.shift()![1] : undefined;
  return { before: canonicalObject(members.slice(0, at === -1 ? members.length : at)).slice(1, -1), after: canonicalObject(rest).slice(1, -1), sig };
}

const join = (...parts: string[]): string => `{${parts.filter((p) => p.length > 0).join(',')}}`;

/** The bytes a record's signature is over: its canonical JSON without `sig`. */
export function signedBytes(record: UnsignedRecord | EvidenceRecord): Buffer {
  const { before, after } = aroundSig(record);
  return Buffer.from(join(before, after), 'utf8');
}

/** A parsed record's canonical line and the bytes its signature is over, from one canonicalisation. */
export function canonicalForms(record: EvidenceRecord): { line: string; signed: Buffer } {
  const { before, after, sig } = aroundSig(record);
  return { line: join(before, sig === undefined ? '' : `"sig":${sig}`, after), signed: Buffer.from(join(before, after), 'utf8') };
}

export function signRecord(unsigned: UnsignedRecord, signer: Signer): SignedLine {
  if (unsigned.keyId !== signer.keyId) throw new Error('record keyId does not match the signer');
  const { before, after } = aroundSig(unsigned);
  const sig = signer.sign(PAYLOAD_TYPES.record, Buffer.from(join(before, after), 'utf8'));
  const line = join(before, `"sig":${JSON.stringify(sig)}`, after);
  const bytes = Buffer.from(line, 'utf8');
  return { record: { ...unsigned, sig } as EvidenceRecord, line, bytes, hash: sha256Hex(bytes) };
}

export function parseLine(line: string): EvidenceRecord {
  return JSON.parse(line) as EvidenceRecord;
}
