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
  /** Hex SHA-256 of the line's UTF-8 bytes: the next record's `prev`. */
  hash: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The bytes a record's signature is over: its canonical JSON without `sig`. */
export function signedBytes(record: UnsignedRecord | EvidenceRecord): Buffer {
  return Buffer.from(canonicalObject(canonicalMembers(record as unknown as Record<string, unknown>), 'sig'), 'utf8');
}

/** A parsed record's canonical line and the bytes its signature is over, from one canonicalisation. */
export function canonicalForms(record: EvidenceRecord): { line: string; signed: Buffer } {
  const members = canonicalMembers(record as unknown as Record<string, unknown>);
  return { line: canonicalObject(members), signed: Buffer.from(canonicalObject(members, 'sig'), 'utf8') };
}

export function signRecord(unsigned: UnsignedRecord, signer: Signer): SignedLine {
  if (unsigned.keyId !== signer.keyId) throw new Error('record keyId does not match the signer');
  const members = canonicalMembers(unsigned as unknown as Record<string, unknown>);
  const sig = signer.sign(PAYLOAD_TYPES.record, Buffer.from(canonicalObject(members, 'sig'), 'utf8'));
  members.push(['sig', JSON.stringify(sig)]);
  members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const line = canonicalObject(members);
  const record = { ...unsigned, sig } as EvidenceRecord;
  return { record, line, hash: sha256Hex(line) };
}

export function parseLine(line: string): EvidenceRecord {
  return JSON.parse(line) as EvidenceRecord;
}
