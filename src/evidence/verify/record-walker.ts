// Checks records.jsonl line by line: exact canonical bytes, a valid signature by the key in force at that
// point of the chain, the link to the record before, and positions that match the manifest's ranges.
import type { KeyObject } from 'node:crypto';
import type { EvidenceRecord } from '../../core/types.js';
import { eventTime, type Manifest, type ManifestRange } from '../bundle-format.js';
import { decodeUtf8, type ByteLine } from '../line-reader.js';
import { canonicalForms, sha256Hex } from '../record-codec.js';
import { chainHash, isTombstone, logLeaf } from '../tombstone.js';
import { PAYLOAD_TYPES, endorsementBytes, verifySignature } from '../signing.js';
import type { Problems } from './problems.js';

const HEX64 = /^[0-9a-f]{64}$/;
const TOO_DEEP = 'cannot be checked: a value in it is nested too deeply';

export class RecordWalker {
  count = 0;
  lastHash?: string;
  lastSeq?: number;
  firstTime?: string;
  lastTime?: string;
  readonly ranges: ManifestRange[] = [];
  /** The key that must sign the next record; set by the first record, moved on by key rotations. */
  private activeKey?: string;

  constructor(
    private readonly manifest: Manifest,
    private readonly keys: Map<string, KeyObject>,
    private readonly problems: Problems,
    private readonly detachedSignatures: Map<number, string>,
  ) {}

  /** The id of the record last checked (when it could be read). */
  lastId?: string;

  /** The log leaf of the record last checked (a tombstone's is the deleted record's). */
  lastLeaf?: Buffer;
  /** Tombstones seen (id → chain hash they stand for), and what the retention-deletion records declare. */
  private readonly tombstones = new Map<string, { hash: string; line: number }>();
  private readonly declaredDeletions = new Map<string, string>();

  /** Checks one line; returns false when the record is bad (the problem is recorded). */
  check(line: ByteLine): boolean {
    this.lastId = undefined;
    this.lastLeaf = undefined;
    this.count++;
    const fail = (id: string | undefined, message: string): false => (this.problems.record(line.number, id, message), false);
    const hash = sha256Hex(line.bytes);
    const text = decodeUtf8(line.bytes);
    if (text === undefined) return this.skip(hash, fail(undefined, 'is not valid UTF-8 (bytes were changed)'));
    let record: EvidenceRecord;
    try {
      record = JSON.parse(text) as EvidenceRecord;
    } catch {
      return this.skip(hash, fail(undefined, 'is not valid JSON (bytes were changed or the line was cut)'));
    }
    const id = typeof record?.id === 'string' ? record.id : undefined;
    this.lastId = id;
    if (record?.v !== 1 || typeof record.seq !== 'number' || !Number.isInteger(record.seq) || typeof record.prev !== 'string' || !HEX64.test(record.prev) || typeof record.keyId !== 'string' || typeof record.sig !== 'string') {
      return this.skip(hash, fail(id, 'lacks the fields every record has (v, seq, prev, keyId, sig)'));
    }
    try {
      return this.checkRecord(record, line, text, hash, fail);
    } catch (error) {
      // A value nested too deep for recursive code (RangeError), or of a type nothing here expects: whatever
      // it is, the record cannot be checked, so it is bad.
      return this.skip(hash, fail(id, error instanceof RangeError ? TOO_DEEP : `cannot be checked: ${(error as Error).message}`));
    }
  }

  private checkRecord(record: EvidenceRecord, line: ByteLine, text: string, lineHash: string, fail: (id: string | undefined, m: string) => false): boolean {
    const id = this.lastId;
    let hash = lineHash;
    let ok = true;
    if (isTombstone(record)) {
      const t = record.tombstone;
      if (!t || !HEX64.test(String(t.hash)) || !HEX64.test(String(t.leaf)) || typeof t.rule !== 'string' || typeof t.deletedAt !== 'string') ok = fail(id, 'is a tombstone without the hashes, time and rule of the record it replaces');
      else this.tombstones.set(String(id), { hash: t.hash, line: line.number });
      hash = chainHash(record, line.bytes);
    }
    if (record.kind === 'retention-deletion') {
      for (const entry of Array.isArray(record.retention?.records) ? record.retention.records : []) this.declaredDeletions.set(String(entry.id), String(entry.hash));
    }
    this.lastLeaf = logLeaf(record, line.bytes);
    let signed: Buffer | undefined;
    try {
      const forms = canonicalForms(record);
      signed = forms.signed;
      if (forms.line !== text) ok = fail(id, 'is not in canonical form (bytes were changed or reformatted)');
    } catch (error) {
      ok = fail(id, error instanceof RangeError ? TOO_DEEP : (error as Error).message);
    }
    if (record.recipient !== this.manifest.recipient) ok = fail(id, `belongs to ${String(record.recipient)}, not to ${this.manifest.recipient}`);
    ok = this.checkKey(record, signed, fail) && ok;
    ok = this.checkLink(record, fail) && ok;
    const detached = this.detachedSignatures.get(line.number);
    if (detached !== `${record.id} ${record.keyId} ${record.sig}`) ok = fail(id, 'does not match its line in the signatures file');
    if (record.kind !== 'key-rotation') {
      const time = eventTime(record);
      if (this.firstTime === undefined || Date.parse(time) < Date.parse(this.firstTime)) this.firstTime = time;
      if (this.lastTime === undefined || Date.parse(time) > Date.parse(this.lastTime)) this.lastTime = time;
    }
    this.track(record, hash);
    return ok;
  }

  /** Every tombstone must be accounted for by a retention-deletion record of the bundle, with the same hash. */
  finish(): void {
    for (const [id, { hash, line }] of this.tombstones) {
      const declared = this.declaredDeletions.get(id);
      if (declared === undefined) this.problems.record(line, id, 'is a tombstone that no retention-deletion record in the bundle accounts for');
      else if (declared !== hash) this.problems.record(line, id, 'is a tombstone whose hash differs from the one its retention-deletion record states');
    }
  }

  private checkKey(record: EvidenceRecord, signed: Buffer | undefined, fail: (id: string | undefined, m: string) => false): boolean {
    if (isTombstone(record)) {
      // Signed when retention ran, by the key then in force; it neither needs nor moves the chain's key.
      const key = this.keys.get(record.keyId);
      if (!key) return fail(record.id, `is a tombstone signed by key ${record.keyId}, which is not a trusted key of this bundle`);
      if (!signed || !verifySignature(key, PAYLOAD_TYPES.record, signed, record.sig)) return fail(record.id, 'is a tombstone whose signature does not match its content (it was changed)');
      return true;
    }
    let expected: string;
    if (record.kind === 'key-rotation') {
      const k = record.key;
      if (!k || k.keyId !== record.keyId) return fail(record.id, 'is a key rotation that is not signed by the key it introduces');
      this.activeKey ??= k.previousKeyId;
      if (k.previousKeyId !== this.activeKey) return fail(record.id, `hands over from key ${k.previousKeyId}, but key ${this.activeKey} was in force`);
      const previous = this.keys.get(k.previousKeyId);
      if (!previous || !verifySignature(previous, PAYLOAD_TYPES.keyRotation, endorsementBytes(k), k.endorsement)) return fail(record.id, 'carries no valid endorsement of the new key by the old one');
      expected = k.keyId;
    } else {
      this.activeKey ??= record.keyId;
      expected = this.activeKey;
    }
    const key = this.keys.get(record.keyId);
    if (!key) return fail(record.id, `is signed by key ${record.keyId}, which is not a trusted key of this bundle`);
    if (record.keyId !== expected) return fail(record.id, `is signed by key ${record.keyId}, but key ${expected} was in force at this point of the chain`);
    if (!signed || !verifySignature(key, PAYLOAD_TYPES.record, signed, record.sig)) return fail(record.id, 'has a signature that does not match its content (the record was changed)');
    this.activeKey = expected;
    return true;
  }

  private checkLink(record: EvidenceRecord, fail: (id: string | undefined, m: string) => false): boolean {
    if (this.lastSeq !== undefined && record.seq <= this.lastSeq) return fail(record.id, `has chain position ${record.seq} after ${this.lastSeq}: records are out of order or repeated`);
    if (this.lastSeq !== undefined && record.seq === this.lastSeq + 1) {
      return record.prev === this.lastHash ? true : fail(record.id, 'does not link to the record before it (that record was changed, or one was inserted)');
    }
    const declared = this.manifest.ranges?.find((r) => r.firstSeq === record.seq);
    if (!declared) {
      return fail(record.id, this.lastSeq === undefined ? `starts at chain position ${record.seq}, where the manifest declares no range` : `has chain position ${record.seq} after ${this.lastSeq}: a record is missing`);
    }
    return declared.prevHash === record.prev ? true : fail(record.id, 'does not link to the hash the manifest states for the record before it');
  }

  /** Keeps the walk going past an unreadable line, so later problems are still reported. */
  private skip(hash: string, result: false): false {
    this.lastHash = hash;
    if (this.lastSeq !== undefined) this.lastSeq++;
    return result;
  }

  private track(record: EvidenceRecord, hash: string): void {
    const last = this.ranges[this.ranges.length - 1];
    if (last && this.lastSeq !== undefined && record.seq === this.lastSeq + 1) Object.assign(last, { lastSeq: record.seq, lastHash: hash });
    else this.ranges.push({ firstSeq: record.seq, lastSeq: record.seq, prevHash: record.prev, lastHash: hash });
    this.lastSeq = record.seq;
    this.lastHash = hash;
  }
}
