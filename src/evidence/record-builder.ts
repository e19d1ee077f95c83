// Builds the next records of a recipient's chain: what a record holds (its seq, id, the previous record's
// hash, when it was archived, the key that signs it) and its signature by the active key, with the
// key-rotation record a chain needs first when its last record was signed by the key before. Nothing here
// is written: the lines go to whoever commits them (BatchWriter).
import { EvidenceError } from './errors.js';
import type { ChainHead } from './chain-state.js';
import { MAX_RECORD_BYTES, signRecord, type SignedLine } from './record-codec.js';
import type { RecordBody } from './record-body.js';
import type { Signer } from './signing.js';
import { layout, recordId } from './store-layout.js';

/** How the active key was endorsed by the one before it. */
export interface KeyEndorsement {
  previousKeyId: string;
  endorsement: string;
}

export class RecordBuilder {
  constructor(
    private activeSigner: Signer,
    /** Absent for the archive's first key. */
    private endorsement?: KeyEndorsement,
  ) {}

  get signer(): Signer {
    return this.activeSigner;
  }

  useSigner(signer: Signer, endorsement?: KeyEndorsement): void {
    this.activeSigner = signer;
    this.endorsement = endorsement;
  }

  /**
   * The key-rotation record a chain needs before its next record when its last record was signed by the
   * previous key. Written eagerly by a rotation, and here again for any chain a crash left behind.
   */
  rotationBody(head: ChainHead): RecordBody {
    if (!this.endorsement || this.endorsement.previousKeyId !== head.keyId) {
      throw new EvidenceError('key-mismatch', `chain ${head.tag} ends with key ${head.keyId ?? '?'} and no endorsement leads from it to the active key ${this.signer.keyId}`);
    }
    return { kind: 'key-rotation', recipient: head.recipient, key: { keyId: this.signer.keyId, publicKey: this.signer.publicKey, ...this.endorsement } };
  }

  /**
   * Appends to `out` the record that continues `head` with `body` (after a rotation record if one is due),
   * and each line's UTF-8 bytes to `encoded`, so the writer need not encode them again for the log.
   */
  extend(head: ChainHead, body: RecordBody, archivedAt: string, out: Array<[string, string]>, encoded: Map<string, Buffer>): { head: ChainHead; signed: SignedLine } {
    if (head.seq >= 0 && head.keyId !== this.signer.keyId && body.kind !== 'key-rotation') {
      head = this.extend(head, this.rotationBody(head), archivedAt, out, encoded).head;
    }
    const signed = this.next(head, body, archivedAt);
    const key = layout.record(head.tag, signed.record.seq);
    out.push([key, signed.line]);
    encoded.set(key, signed.bytes);
    return { head: { recipient: head.recipient, tag: head.tag, seq: signed.record.seq, hash: signed.hash, keyId: signed.record.keyId }, signed };
  }

  /** Builds the next record of a chain (not yet written). */
  next(head: ChainHead, body: RecordBody, archivedAt: string): SignedLine {
    const seq = head.seq + 1;
    const unsigned = { ...body, v: 1 as const, id: recordId(head.tag, seq), seq, prev: head.hash, archivedAt, keyId: this.signer.keyId };
    const signed = signRecord(unsigned, this.signer);
    if (signed.line.length > MAX_RECORD_BYTES / 3 && Buffer.byteLength(signed.line) > MAX_RECORD_BYTES) {
      throw new EvidenceError('too-large', `cannot archive: the record would be ${Buffer.byteLength(signed.line)} bytes; the archive keeps records up to ${MAX_RECORD_BYTES} bytes`);
    }
    return signed;
  }
}
