// Appends records in group commits: every append that arrives while a batch is being written joins the
// next batch, whose records (built and signed by RecordBuilder) are written with the entries derived from
// them in one store batch (one SQLite statement). A caller's promise resolves only after its batch is
// committed, so an acknowledgement always means "on disk".
//
// Pipelined: while batch N is being committed (SQLite works on libuv's pool, the event loop is free), batch
// N+1 is planned (read, signed, chained, sealed) on top of N's heads and log leaves. At most one batch is
// being written at a time and N+1 is written only after N is committed; if N fails, N+1 — whose `prev`
// hashes and leaf indexes depend on N — is never written: its callers are refused (or, when another
// process wrote first, both batches are rebuilt from the store and written again).
import type { EvidenceRecord } from '../core/types.js';
import { logger } from '../observability/logger.js';
import { StoreError, type KeyValueStore } from '../storage/store.js';
import { emptyPlan, failedPlan, settle, type AppendResult, type BatchPlan, type PendingAppend } from './batch-plan.js';
import { ChainStates, headValue, type ChainHead } from './chain-state.js';
import type { MerkleLog } from './merkle/merkle-log.js';
import type { SignedLine } from './record-codec.js';
import type { RecordBody } from './record-body.js';
import type { RecordBuilder } from './record-builder.js';
import { indexEntries, layout, recipientTag } from './store-layout.js';

export type { AppendResult };

/** Appends per batch: large enough to share an fsync widely, small enough that planning the next batch fits in one commit's time. */
const MAX_BATCH = 128;
/** How often a write is rebuilt after another process wrote first, before the caller gets the error. */
const CLASH_ATTEMPTS = 5;

/** A batch whose rows are being committed. */
interface Flight {
  plan: BatchPlan;
  write: Promise<void>;
}

const isClash = (error: unknown): boolean => error instanceof StoreError && error.code === 'append-only';
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class BatchWriter {
  private queue: PendingAppend[] = [];
  private tail: Promise<void> = Promise.resolve();
  private scheduled = false;
  private pumping = false;
  /** Exclusive tasks waiting for their turn: the pipeline stops taking new batches so they get it. */
  private waiting = 0;

  /** UTF-8 bytes of the lines `extend` made, so `persist` need not encode them again for the log. */
  private readonly encoded = new Map<string, Buffer>();

  readonly chains: ChainStates;

  constructor(
    private readonly store: KeyValueStore,
    readonly tree: MerkleLog,
    /** Builds (and signs) the records this writer commits. */
    readonly recordBuilder: RecordBuilder,
    private readonly now: () => Date = () => new Date(),
  ) {
    // Records a crash left without their leaf in the log are appended to it when their chain is healed.
    this.chains = new ChainStates(store, async (found) => {
      const indexes = await tree.leafIndexes(found.map(([key]) => key));
      const missing = found.filter((_, i) => indexes[i] === undefined);
      return missing.length === 0 ? [] : [...missing.flatMap(([key, line]) => tree.append(line, key)), tree.stateEntry()];
    });
  }

  /**
   * Appends to `out` the record that continues `head` with `body` (after a rotation record if one is due),
   * for a later `persist`. Call inside `exclusive`.
   */
  extend(head: ChainHead, body: RecordBody, archivedAt: string, out: Array<[string, string]>): { head: ChainHead; signed: SignedLine } {
    return this.recordBuilder.extend(head, body, archivedAt, out, this.encoded);
  }

  append(body: RecordBody, dedupKey?: string): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ body, dedupKey, clashes: 0, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.pumping) return;
    this.scheduled = true;
    // setImmediate lets every append made in this turn of the event loop join the same batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.turn(() => this.pump());
    });
  }

  /** Runs `task` alone: no batch is being planned or written meanwhile (used by key rotation, exports and close). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++;
    return this.turn(() => {
      this.waiting--;
      return task();
    });
  }

  private turn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.then(() => undefined, () => undefined);
    return run;
  }

  /**
   * Plans and commits batches until the queue is empty or an exclusive task waits (which then runs once
   * the batch in flight is committed; the rest of the queue is taken up after it).
   */
  private async pump(): Promise<void> {
    this.pumping = true;
    let flying: Flight | undefined;
    try {
      for (;;) {
        let next: BatchPlan | undefined;
        if (this.waiting === 0 && this.queue.length > 0) {
          const batch = this.queue.splice(0, MAX_BATCH);
          // A chain not yet cached is read (and perhaps healed) from the store: only with nothing in flight.
          if (flying && !this.headsKnown(batch, flying.plan)) {
            const failed = await this.land(flying);
            flying = undefined;
            if (failed) {
              // Nothing was planned on top of the failed batch: this one is taken up again, in order.
              this.queue.unshift(...failed.retry, ...batch);
              continue;
            }
          }
          next = await this.plan(batch, flying?.plan);
        }
        if (flying) {
          const failed = await this.land(flying);
          flying = undefined;
          if (failed && next) {
            // `next` was chained onto the batch that failed: it must not be written.
            if (failed.clash) failed.retry.push(...next.ops);
            else for (const op of next.ops) op.reject(failed.error);
            next = undefined;
          }
          if (failed) this.queue.unshift(...failed.retry);
        }
        if (next && next.rows.length === 0) settle(next);
        else if (next) {
          flying = { plan: next, write: this.store.writeBatch(next.rows) };
          // Its failure is handled when it lands, after the next batch is planned.
          flying.write.catch(() => undefined);
        }
        if (!flying && (this.queue.length === 0 || this.waiting > 0)) break;
        // Lets the callers just answered append their next records, to join the batch planned meanwhile.
        if (flying) await nextTurn();
      }
    } finally {
      this.pumping = false;
    }
    if (this.queue.length > 0) this.schedule();
  }

  private headsKnown(batch: PendingAppend[], before: BatchPlan): boolean {
    return batch.every((op) => {
      const tag = recipientTag(op.body.recipient);
      return before.heads.has(tag) || this.chains.cached(tag) !== undefined;
    });
  }

  /**
   * Waits for a batch's commit and answers its callers. On failure the log and the heads are put back;
   * after a clash with another process's write, the appends to write again (up to CLASH_ATTEMPTS each).
   */
  private async land(flight: Flight): Promise<{ error: unknown; clash: boolean; retry: PendingAppend[] } | undefined> {
    try {
      await flight.write;
    } catch (error) {
      flight.plan.restore();
      for (const tag of flight.plan.heads.keys()) this.chains.invalidate(tag);
      if (!isClash(error)) {
        for (const op of flight.plan.ops) op.reject(error);
        return { error, clash: false, retry: [] };
      }
      const attempt = Math.max(...flight.plan.ops.map((op) => ++op.clashes));
      let failure: unknown = error;
      try {
        await this.rereadAfterClash(attempt);
      } catch (reloadError) {
        failure = reloadError;
      }
      const retry = failure === error ? flight.plan.ops.filter((op) => op.clashes < CLASH_ATTEMPTS) : [];
      for (const op of flight.plan.ops) if (!retry.includes(op)) op.reject(failure);
      return { error: failure, clash: failure === error, retry };
    }
    for (const head of flight.plan.heads.values()) this.chains.set(head);
    settle(flight.plan);
    return undefined;
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
        if (!isClash(error) || attempt >= CLASH_ATTEMPTS) throw error;
        await this.rereadAfterClash(attempt);
      }
    }
  }

  /** Forgets the cached chain heads and re-reads the log, after another process's write made them stale. */
  private async rereadAfterClash(attempt: number): Promise<void> {
    logger().warn({ attempt }, 'another process wrote to the evidence archive first; re-reading it and writing again');
    this.chains.invalidateAll();
    await this.tree.reload();
  }

  /**
   * Signs and chains a batch on top of `before` (the batch being committed, if any): its heads, its dedup
   * entries and its leaves in the log count as written. Never throws: failures become the callers' answers.
   */
  private async plan(batch: PendingAppend[], before?: BatchPlan): Promise<BatchPlan> {
    const plan = emptyPlan(batch, this.tree.snapshot());
    try {
      const heads = new Map<string, ChainHead>();
      const byRecipient = new Map<string, string>();
      const unreadable = new Map<string, Error>();
      const recipients = [...new Set(batch.map((op) => op.body.recipient))];
      // A chain that cannot be read (damaged store) fails its own appends, not everyone's.
      const loaded = await Promise.allSettled(recipients.map((r) => before?.heads.get(recipientTag(r)) ?? this.chains.load(r)));
      loaded.forEach((result, i) => {
        if (result.status === 'rejected') return void unreadable.set(recipients[i]!, result.reason as Error);
        heads.set(result.value.tag, result.value);
        byRecipient.set(result.value.recipient, result.value.tag);
      });
      const dedupKeys = [...new Set(batch.flatMap((op) => (op.dedupKey && !before?.dedup.has(op.dedupKey) ? [op.dedupKey] : [])))];
      const found = await this.store.getMany(dedupKeys);
      const stored = new Map(dedupKeys.map((key, i) => [key, found[i]]));
      const changed = new Set<string>();
      const records: Array<[string, string]> = [];
      const derived: Array<[string, string]> = [];
      const encoded = new Map<string, Buffer>();
      const archivedAt = this.now().toISOString();
      for (const op of batch) {
        const failed = unreadable.get(op.body.recipient);
        if (failed) {
          plan.outcomes.push(failed);
          continue;
        }
        const firstId = op.dedupKey ? (stored.get(op.dedupKey) ?? before?.dedup.get(op.dedupKey) ?? plan.dedup.get(op.dedupKey)) : undefined;
        if (firstId !== undefined) {
          plan.outcomes.push({ id: firstId, duplicate: true });
          continue;
        }
        const tag = byRecipient.get(op.body.recipient)!;
        const lines: Array<[string, string]> = [];
        let next: { head: ChainHead; signed: SignedLine };
        try {
          next = this.recordBuilder.extend(heads.get(tag)!, op.body, archivedAt, lines, encoded);
        } catch (error) {
          plan.outcomes.push(error as Error);
          continue;
        }
        const { signed } = next;
        records.push(...lines);
        if (signed.record.seq === 0) derived.push([layout.recipient(tag), op.body.recipient]);
        derived.push(...indexEntries(signed.record, tag));
        heads.set(tag, next.head);
        changed.add(tag);
        if (op.dedupKey) plan.dedup.set(op.dedupKey, signed.record.id);
        plan.outcomes.push({ id: signed.record.id, duplicate: false });
      }
      // A batch of redeliveries only (all duplicates) writes nothing.
      if (records.length === 0) return plan;
      for (const tag of changed) plan.heads.set(tag, heads.get(tag)!);
      // Facts first, then what is derived from them (see persist).
      plan.rows = this.rows(records, derived, [...plan.heads.values()], encoded);
      return plan;
    } catch (error) {
      plan.restore();
      return failedPlan(batch, error);
    }
  }

  /**
   * Writes records with everything derived from them: index entries, their leaves in the Merkle log, the
   * chain heads and the log's state, in that order (facts first: on stores without atomic batches a crash
   * leaves only what healing rebuilds). Call inside `exclusive`.
   */
  async persist(records: Array<[string, string]>, derived: Array<[string, string]>, heads: ChainHead[]): Promise<void> {
    const restore = this.tree.snapshot();
    const rows = this.rows(records, derived, heads, this.encoded);
    this.encoded.clear();
    try {
      await this.store.writeBatch(rows);
    } catch (error) {
      restore();
      for (const head of heads) this.chains.invalidate(head.tag);
      throw error;
    }
    for (const head of heads) this.chains.set(head);
  }

  /**
   * The rows of one store batch, facts first: the records, their index entries, their leaves (appended to
   * the log here), the chain heads and the log's state.
   */
  private rows(records: Array<[string, string]>, derived: Array<[string, string]>, heads: readonly ChainHead[], encoded: ReadonlyMap<string, Buffer>): Array<[string, string]> {
    const leaves = records.flatMap(([key, line]) => this.tree.append(encoded.get(key) ?? line, key));
    return [...records, ...derived, ...leaves, ...heads.map((h): [string, string] => [layout.head(h.tag), headValue(h)]), this.tree.stateEntry()];
  }

  /**
   * A chain's head as stored now, read (and healed) while no batch is being written. Not the cached one:
   * another process sharing the store (`acts scan`, `acts hold` beside the bot) may have appended since,
   * and whoever reads the chain (retention, listings) must see those records too.
   */
  head(recipient: string): Promise<ChainHead> {
    return this.exclusive(async () => {
      const tag = recipientTag(recipient);
      const cached = this.chains.cached(tag);
      if (cached) {
        // One read when nobody else wrote: the stored head is the one this writer cached.
        if ((await this.store.get(layout.head(tag))) === headValue(cached)) return cached;
        this.chains.invalidate(tag);
      }
      return this.chains.load(recipient);
    });
  }

  /** Waits until everything queued so far is written. */
  async flush(): Promise<void> {
    do {
      await nextTurn();
      await this.exclusive(() => this.pump());
    } while (this.queue.length > 0 || this.scheduled);
    await this.exclusive(async () => undefined);
  }
}

export type { EvidenceRecord };
