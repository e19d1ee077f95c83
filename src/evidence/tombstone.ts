// Retention deletes a record's content but not its place: a signed tombstone takes the record's chain
// position and carries the deleted line's SHA-256 (which the next record's `prev` names) and its RFC 6962
// leaf hash (which the log holds), so the chain and the log stay verifiable without the content.
import type { EvidenceRecord } from '../core/types.js';
import type { KeyValueStore } from '../storage/store.js';
import { leafHash } from './merkle/rfc6962.js';
import { sha256Hex, signRecord, type SignedLine } from './record-codec.js';
import type { Signer } from './signing.js';
import { layout } from './store-layout.js';

const HEX64 = /^[0-9a-f]{64}$/;

export function isTombstone(record: Pick<EvidenceRecord, 'kind'>): boolean {
  return record.kind === 'tombstone';
}

/** The hash the next record links to: the line's own, or for a tombstone the deleted line's. */
export function chainHash(record: EvidenceRecord, line: string | Buffer): string {
  if (isTombstone(record) && typeof record.tombstone?.hash === 'string' && HEX64.test(record.tombstone.hash)) return record.tombstone.hash;
  return sha256Hex(line);
}

/** The record's leaf in the archive's log: of the line's bytes, or for a tombstone the deleted line's leaf. */
export function logLeaf(record: EvidenceRecord, bytes: Buffer): Buffer {
  if (isTombstone(record) && typeof record.tombstone?.leaf === 'string' && HEX64.test(record.tombstone.leaf)) return Buffer.from(record.tombstone.leaf, 'hex');
  return leafHash(bytes);
}

/** A signed tombstone for `original` (its stored line given), signed by the archive's current key. */
export function tombstoneFor(original: EvidenceRecord, line: string, signer: Signer, deletion: { deletedAt: string; rule: string }): SignedLine {
  const unsigned = {
    v: 1 as const,
    id: original.id,
    kind: 'tombstone' as const,
    recipient: original.recipient,
    seq: original.seq,
    prev: original.prev,
    archivedAt: original.archivedAt,
    tombstone: { kind: original.kind, hash: sha256Hex(line), leaf: leafHash(Buffer.from(line, 'utf8')).toString('hex'), ...deletion },
    keyId: signer.keyId,
  };
  return signRecord(unsigned, signer);
}

/**
 * Lines of the given chain positions: the record, or its tombstone once retention deleted it. A tombstone
 * wins over a record still present (a retention run cut short between writing tombstones and deleting).
 */
export async function readChainLines(store: KeyValueStore, tag: string, seqs: readonly number[]): Promise<Array<string | undefined>> {
  const [records, tombstones] = await Promise.all([store.getMany(seqs.map((seq) => layout.record(tag, seq))), store.getMany(seqs.map((seq) => layout.tombstone(tag, seq)))]);
  return records.map((line, i) => tombstones[i] ?? line);
}
