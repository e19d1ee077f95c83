// Appends records in group commits: every append that arrives while a batch is being written joins the
// next batch, which is signed, chained and written in one store batch (one SQLite statement). A caller's
// promise resolves only after its batch is committed, so an acknowledgement always means "on disk".
import type { EvidenceRecord } from '../core/types.js';
import { logger } from '../observability/logger.js';
import { StoreError, type KeyValueStore } from '../storage/store.js';
import { ChainStates, headValue, type ChainHead } from './chain-state.js';
import type { MerkleLog } from './merkle/merkle-log.js';
import { EvidenceError } from './errors.js';
import { MAX_RECORD_BYTES, signRecord, type SignedLine } from './record-codec.js';
import type { RecordBody } from './record-body.js';
import type { Signer } from './signing.js';
import { indexEntries, layout, recordId } from './store-layout.js';

export interface AppendResult {
  id: string;
  duplicate: boolean;
}

interface PendingAppend {
  body: RecordBody;
  /** Store key whose presence means "already archived"; its value is the first record's id. */
  dedupKey?: string;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 512;
/** How often a write is rebuilt after another process wrote first, before the caller gets the error. */
const CLASH_ATTEMPTS = 5;

export class BatchWriter {
  private queue: PendingAppend[] = [];
  private tail: Promise<void> = Promise.resolve();
  private scheduled = false;

  /** UTF-8 bytes of the lines `extend` made, so `persist` need not encode them again for the log. */
  private readonly encoded = new Map<string, Buffer>();
  /** How the active key was endorsed by the one before it (absent for the archive's first key). */
  private endorsement?: { previousKeyId: string; endorsement: string };

  readonly chains: ChainStates;

  constructor(
    private readonly store: KeyValueStore,
    readonly tree: MerkleLog,
    private activeSigner: Signer,
    private readonly now: () => Date = () => new Date(),
  ) {
    // Records a crash left without their leaf in the log are appended to it when their chain is healed.
    this.chains = new ChainStates(store, async (found) => {
      const indexes = await tree.leafIndexes(found.map(([key]) => key));
      const missing = found.filter((_, i) => indexes[i] === undefined);
      return missing.length === 0 ? [] : [...missing.flatMap(([key, line]) => tree.append(line, key)), tree.stateEntry()];
    });
  }

  get signer(): Signer {
    return this.activeSigner;
  }

  useSigner(signer: Signer, endorsement?: { previousKeyId: string; endorsement: string }): void {
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

  /** Appends to `out` the record that continues `head` with `body` (after a rotation record if one is due). */
  extend(head: ChainHead, body: RecordBody, archivedAt: string, out: Array<[string, string]>): { head: ChainHead; signed: SignedLine } {
    if (head.seq >= 0 && head.keyId !== this.signer.keyId && body.kind !== 'key-rotation') {
      head = this.extend(head, this.rotationBody(head), archivedAt, out).head;
    }
    const signed = this.next(head, body, archivedAt);
    const key = layout.record(head.tag, signed.record.seq);
    out.push([key, signed.line]);
    this.encoded.set(key, signed.bytes);
    return { head: { recipient: head.recipient, tag: head.tag, seq: signed.record.seq, hash: signed.hash, keyId: signed.record.keyId }, signed };
  }

  append(body: RecordBody, dedupKey?: string): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ body, dedupKey, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate lets every append made in this turn of the event loop join the same batch.
        setImmediate(() => {
          this.scheduled = false;
          void this.exclusive(() => this.drain());
        });
      }
    });
  }

  /** Runs `task` alone: no batch is being written meanwhile (used by key rotation and close). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.then(() => undefined, () => undefined);
    return run;
  }

  /** Commits one batch; if more is queued, the next batch queues behind whatever else waits (an export's snapshot). */
  private async drain(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    try {
      await this.retryingOnClash(() => this.commit(batch));
    } catch (error) {
      for (const op of batch) op.reject(error);
    }
    if (this.queue.length > 0) void this.exclusive(() => this.drain());
  }

  /**
   * Runs a write built from the cached chain heads and log state. When another process sharing the store
   * (`acts hold`, `acts scan`, `acts retention` while the bot runs) wrote first, the store refuses the
   * stale write as a whole (append-only entries); the heads and the log are then re-read and the write is
   * built again, with its records chained after the other process's.
   */
  async retryingOnClash<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (!(error instanceof StoreError && error.code === 'append-only') || attempt >= CLASH_ATTEMPTS) throw error;
        logger().warn({ attempt }, 'another process wrote to the evidence archive first; re-reading it and writing again');
        this.chains.invalidateAll();
        await this.tree.reload();
      }
    }
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

  private async commit(batch: PendingAppend[]): Promise<void> {
    const heads = new Map<string, ChainHead>();
    const byRecipient = new Map<string, string>();
    const unreadable = new Map<string, Error>();
    const recipients = [...new Set(batch.map((op) => op.body.recipient))];
    // A chain that cannot be read (damaged store) fails its own appends, not everyone's.
    (await Promise.allSettled(recipients.map((r) => this.chains.load(r)))).forEach((result, i) => {
      if (result.status === 'rejected') return void unreadable.set(recipients[i]!, result.reason as Error);
      heads.set(result.value.tag, result.value);
      byRecipient.set(result.value.recipient, result.value.tag);
    });
    const changed = new Set<string>();
    const dedupKeys = [...new Set(batch.flatMap((op) => (op.dedupKey ? [op.dedupKey] : [])))];
    const found = await this.store.getMany(dedupKeys);
    const stored = new Map(dedupKeys.map((key, i) => [key, found[i]]));
    const inBatch = new Map<string, string>();
    const records: Array<[string, string]> = [];
    const derived: Array<[string, string]> = [];
    const outcomes: Array<AppendResult | Error> = [];
    const archivedAt = this.now().toISOString();
    batch.forEach((op) => {
      const failed = unreadable.get(op.body.recipient);
      if (failed) return void outcomes.push(failed);
      const firstId = op.dedupKey ? (stored.get(op.dedupKey) ?? inBatch.get(op.dedupKey)) : undefined;
      if (firstId !== undefined) return void outcomes.push({ id: firstId, duplicate: true });
      const tag = byRecipient.get(op.body.recipient)!;
      const lines: Array<[string, string]> = [];
      let next: { head: ChainHead; signed: SignedLine };
      try {
        next = this.extend(heads.get(tag)!, op.body, archivedAt, lines);
      } catch (error) {
        return void outcomes.push(error as Error);
      }
      const { signed } = next;
      records.push(...lines);
      if (signed.record.seq === 0) derived.push([layout.recipient(tag), op.body.recipient]);
      derived.push(...indexEntries(signed.record, tag));
      heads.set(tag, next.head);
      changed.add(tag);
      if (op.dedupKey) inBatch.set(op.dedupKey, signed.record.id);
      outcomes.push({ id: signed.record.id, duplicate: false });
    });
    // A batch of redeliveries only (all duplicates) writes nothing.
    if (records.length > 0) await this.persist(records, derived, [...heads.values()].filter((h) => changed.has(h.tag)));
    batch.forEach((op, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof Error) op.reject(outcome);
      else op.resolve(outcome);
    });
  }

  /**
   * Writes records with everything derived from them: index entries, their leaves in the Merkle log, the
   * chain heads and the log's state, in that order (facts first: on stores without atomic batches a crash
   * leaves only what healing rebuilds). Call inside `exclusive`.
   */
  async persist(records: Array<[string, string]>, derived: Array<[string, string]>, heads: ChainHead[]): Promise<void> {
    const restore = this.tree.snapshot();
    const leaves = records.flatMap(([key, line]) => this.tree.append(this.encoded.get(key) ?? line, key));
    this.encoded.clear();
    try {
      await this.store.writeBatch([...records, ...derived, ...leaves, ...heads.map((h): [string, string] => [layout.head(h.tag), headValue(h)]), this.tree.stateEntry()]);
    } catch (error) {
      restore();
      for (const head of heads) this.chains.invalidate(head.tag);
      throw error;
    }
    for (const head of heads) this.chains.set(head);
  }

  /** A chain's head, read (and healed) only while no batch is being written. */
  head(recipient: string): Promise<ChainHead> {
    return this.exclusive(() => this.chains.load(recipient));
  }

  /** Waits until everything queued so far is written. */
  async flush(): Promise<void> {
    do {
      await new Promise((resolve) => setImmediate(resolve));
      await this.exclusive(() => this.drain());
    } while (this.queue.length > 0 || this.scheduled);
    await this.exclusive(async () => undefined);
  }
}

export type { EvidenceRecord };
