// One batch of appends turned into what it writes: every row (records, index entries, log leaves, chain
// heads, log state) and what each caller is answered once those rows are committed. A plan is built while
// the batch before it is still being committed, on top of that batch's heads, dedup entries and log leaves.
import type { ChainHead } from './chain-state.js';
import type { RecordBody } from './record-body.js';

export interface AppendResult {
  id: string;
  duplicate: boolean;
}

export interface PendingAppend {
  body: RecordBody;
  /** Store key whose presence means "already archived"; its value is the first record's id. */
  dedupKey?: string;
  /** Writes of this append another process's write made stale (see BatchWriter.retryingOnClash). */
  clashes: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface BatchPlan {
  ops: PendingAppend[];
  /** Per op, in order: its answer, or the error that fails it alone. */
  outcomes: Array<AppendResult | Error>;
  /** Everything the batch writes, in one store batch; empty when there is nothing new (redeliveries only). */
  rows: Array<[string, string]>;
  /** The chain heads the batch moves, by tag, as they are once it is committed. */
  heads: Map<string, ChainHead>;
  /** Dedup keys the batch writes, with the id of the record each one names. */
  dedup: Map<string, string>;
  /** Puts the Merkle log back as it was before this plan (and every plan built on top of it). */
  restore(): void;
}

export function emptyPlan(ops: PendingAppend[], restore: () => void): BatchPlan {
  return { ops, outcomes: [], rows: [], heads: new Map(), dedup: new Map(), restore };
}

/** The plan of a batch that cannot be written at all: each caller gets `error`. */
export function failedPlan(ops: PendingAppend[], error: unknown): BatchPlan {
  const failure = error instanceof Error ? error : new Error(String(error));
  return { ...emptyPlan(ops, () => undefined), outcomes: ops.map(() => failure) };
}

/** Answers every caller of a committed plan. */
export function settle(plan: BatchPlan): void {
  plan.ops.forEach((op, i) => {
    const outcome = plan.outcomes[i]!;
    if (outcome instanceof Error) op.reject(outcome);
    else op.resolve(outcome);
  });
}
