// Retention: records (messages, edits, deletions) archived before a cutoff lose their content. Each keeps its
// chain position as a signed tombstone, and the chain gets a signed retention-deletion record listing what
// went, when and by which rule. A legal hold on a recipient (itself a signed record) stops all of it.
// Key rotations, holds and earlier deletion records are never deleted: the chain's key history and its
// account of what was deleted must outlive the content.
import type { EvidenceKind, EvidenceRecord } from '../core/types.js';
import type { KeyValueStore } from '../storage/store.js';
import { logger } from '../observability/logger.js';
import type { BatchWriter } from './batch-writer.js';
import { parseLine, sha256Hex } from './record-codec.js';
import type { RecordBody } from './record-body.js';
import { layout, recipientTag } from './store-layout.js';
import { tombstoneFor } from './tombstone.js';

const EXPIRING: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['message', 'edit', 'deletion']);
/** Records replaced per batch (one retention-deletion record each), so a first run on a big archive stays bounded. */
const CHUNK = 500;

export interface RetentionOptions {
  /** Records archived before this time expire. */
  cutoff: Date;
  /** The rule as stated in the deletion record, e.g. `ACTS_RETENTION_DAYS=30`. */
  rule: string;
  /** Count what would be deleted, change nothing. */
  dryRun?: boolean;
  now?: () => Date;
}

export interface RetentionReport {
  /** Records replaced by tombstones (or that would be, in a dry run). */
  deleted: number;
  /** Recipients with at least one expired record. */
  recipients: number;
  /** Recipients skipped because of a legal hold. */
  held: number;
  /** Ids of the retention-deletion records written. */
  deletionRecords: string[];
}

export interface RetentionSource {
  readonly store: KeyValueStore;
  recipients(): Promise<string[]>;
  lines(recipientKey: string): AsyncIterable<string>;
}

export async function isHeld(store: KeyValueStore, recipientKey: string): Promise<boolean> {
  return (await store.get(layout.hold(recipientTag(recipientKey)))) === 'on';
}

export async function setHold(writer: BatchWriter, recipientKey: string, on: boolean, reason?: string): Promise<string> {
  const hold: EvidenceRecord['hold'] = reason ? { on, reason } : { on };
  const result = await writer.append({ kind: 'legal-hold', recipient: recipientKey, occurredAt: new Date().toISOString(), hold });
  logger().info({ recipientTag: recipientTag(recipientKey), on, recordId: result.id }, on ? 'legal hold placed' : 'legal hold lifted');
  return result.id;
}

/** Removes records a cut-short run left beside their tombstones. */
async function finishEarlierRun(store: KeyValueStore, tag: string): Promise<void> {
  const leftovers: string[] = [];
  for await (const [key] of store.scan(layout.tombstonePrefix(tag))) leftovers.push(`r:${key.slice(2)}`);
  if (leftovers.length === 0) return;
  const present = await store.getMany(leftovers);
  const stale = leftovers.filter((_, i) => present[i] !== undefined);
  if (stale.length > 0) await store.deleteMany(stale);
}

/**
 * Replaces `expired` by tombstones and appends the retention-deletion record; returns its id and how many it
 * replaced. Another process may run retention at the same time (the bot's daily run beside `acts retention`):
 * what it replaced first is left out (its tombstones are final: the store refuses to overwrite them), and if
 * it replaced everything, nothing is written.
 */
async function replace(writer: BatchWriter, store: KeyValueStore, recipient: string, expired: Array<{ record: EvidenceRecord; line: string }>, options: RetentionOptions): Promise<{ id?: string; replaced: number; held?: true }> {
  const deletedAt = (options.now?.() ?? new Date()).toISOString();
  const tag = recipientTag(recipient);
  const done = await writer.exclusive(() => writer.retryingOnClash(async (): Promise<{ id?: string; replaced: number; held?: true }> => {
    // A hold placed by another process (`acts hold`) since the run began: its record is in the chain before
    // ours could be (else this write clashes with it and comes here again), so nothing may go.
    if (await isHeld(store, recipient)) return { replaced: 0, held: true };
    const replacedElsewhere = await store.getMany(expired.map(({ record }) => layout.tombstone(tag, record.seq)));
    const left = expired.filter((_, i) => replacedElsewhere[i] === undefined);
    if (left.length === 0) return { replaced: 0 };
    const head = await writer.chains.load(recipient);
    const tombstones = left.map(({ record, line }): [string, string] => [layout.tombstone(tag, record.seq), tombstoneFor(record, line, writer.recordBuilder.signer, { deletedAt, rule: options.rule }).line]);
    const body: RecordBody = {
      kind: 'retention-deletion',
      recipient,
      occurredAt: deletedAt,
      retention: {
        rule: options.rule,
        cutoff: options.cutoff.toISOString(),
        records: left.map(({ record, line }) => ({ id: record.id, seq: record.seq, kind: record.kind, hash: sha256Hex(line) })),
      },
    };
    const out: Array<[string, string]> = [];
    const next = writer.extend(head, body, deletedAt, out);
    // Tombstones and the deletion record commit together (one batch); only then does the content go.
    await writer.persist(out, tombstones, [next.head]);
    return { id: next.signed.record.id, replaced: left.length };
  }));
  // Every one of them has its tombstone now (ours or the other run's), unless a hold stopped the run.
  if (!done.held) await store.deleteMany(expired.map(({ record }) => layout.record(tag, record.seq)));
  return done;
}

export async function applyRetention(source: RetentionSource, writer: BatchWriter, options: RetentionOptions): Promise<RetentionReport> {
  const report: RetentionReport = { deleted: 0, recipients: 0, held: 0, deletionRecords: [] };
  const cutoff = options.cutoff.getTime();
  for (const recipient of await source.recipients()) {
    const tag = recipientTag(recipient);
    // Loading the chain heals it first (a crash on a store without atomic batches may have left the hold index behind).
    await writer.head(recipient);
    if (await isHeld(source.store, recipient)) {
      report.held++;
      continue;
    }
    if (!options.dryRun) await finishEarlierRun(source.store, tag);
    let expired: Array<{ record: EvidenceRecord; line: string }> = [];
    let found = 0;
    let heldMeanwhile = false;
    const flush = async (): Promise<void> => {
      if (expired.length === 0 || heldMeanwhile) return;
      if (options.dryRun) found += expired.length;
      else {
        const { id, replaced, held } = await replace(writer, source.store, recipient, expired, options);
        if (id !== undefined) report.deletionRecords.push(id);
        found += replaced;
        heldMeanwhile = held === true;
      }
      expired = [];
    };
    for await (const line of source.lines(recipient)) {
      const record = parseLine(line);
      if (!EXPIRING.has(record.kind) || !(Date.parse(record.archivedAt) < cutoff)) continue;
      expired.push({ record, line });
      if (expired.length >= CHUNK) await flush();
      if (heldMeanwhile) break;
    }
    await flush();
    if (heldMeanwhile) report.held++;
    if (found > 0) report.recipients++;
    report.deleted += found;
    if (found > 0) logger().info({ recipientTag: tag, records: found, rule: options.rule, dryRun: options.dryRun === true }, options.dryRun ? 'retention would delete expired evidence' : 'retention deleted expired evidence');
  }
  return report;
}

/** The cutoff for a retention period in days, from `now`. */
export function retentionCutoff(days: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}
