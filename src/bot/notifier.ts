// Decides how a protected person hears about a verdict: a DM now, or a line in a digest. A digest is sent
// once a day to people who chose it, and also collects the overflow when one person is flooded, so a
// flood of harassment yields a bounded number of DMs while every message is still archived.
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { NOTICE_PREFIX, type DeliveredNotice, type DeliveryQueue } from './delivery-queue.js';
import { ACTIONS, type OutboundMessage } from './ports.js';
import type { Contact } from './registry.js';
import { addWith, setEntries, type KeyValueStore, type StoreEntry } from './store.js';
import { WaitingDigest, type DigestEntry } from './waiting-digest.js';

export type { DigestEntry } from './waiting-digest.js';

/**
 * One digest line as stored, under NOTICE_PREFIX + its notice id: the atomic add of that row is what makes
 * a redelivered event a duplicate, and a restart counts the rows of every batch not yet sent. Rows written
 * before batches existed have no `batch` and no expiry; they are replaced by tombstones once sent.
 */
interface DigestNotice {
  state: 'digest';
  recipientKey: string;
  contact: Contact;
  entry: DigestEntry;
  reason: 'daily' | 'flood';
  dueAt: number;
  createdAt: number;
  batch?: string;
}

interface FloodWindow {
  windowStart: number;
  sent: number;
  grouping: boolean;
}

export interface NotifierOptions {
  /** Immediate DMs one person may get per flood window before the rest are grouped into a digest. */
  floodThreshold: number;
  floodWindowMs: number;
  /** Hour of the day (UTC) when daily digests go out. */
  digestHourUtc: number;
  /** Lines shown in one digest; the rest are counted. */
  digestLines: number;
  /** How long a digest line's row (and a sent digest's marker) blocks a redelivered event. */
  tombstoneTtlMs: number;
}

export const DEFAULT_NOTIFIER_OPTIONS: NotifierOptions = {
  floodThreshold: 5,
  floodWindowMs: 60 * 60_000,
  digestHourUtc: 18,
  digestLines: 10,
  tombstoneTtlMs: 8 * 24 * 60 * 60_000,
};

export type NotifyResult = 'queued' | 'digest' | 'duplicate';

export class Notifier {
  // By person, so a tick looks at each waiting person once, not at every line of a flood (which made each
  // tick cost grow with the flood: 60 % of the bot's CPU after 100,000 flagged messages under load). And
  // bounded per person, the count and the newest lines: keeping every line held 159 MB of heap after
  // 200,000 flood notices, and each flush sorted, hashed and tombstoned all of them.
  private readonly digests = new Map<string, WaitingDigest>();
  private readonly floods = new Map<string, FloodWindow>();
  /** Markers of a sent digest whose write failed after the digest was queued: retried by the next flush. */
  private unwritten: StoreEntry[] = [];

  constructor(
    private readonly store: KeyValueStore,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: NotifierOptions = DEFAULT_NOTIFIER_OPTIONS,
  ) {}

  /** Counts again the lines of every batch whose digest was not queued before the restart. */
  async load(): Promise<void> {
    const rows = await this.store.list<{ state: string }>(NOTICE_PREFIX);
    const queued = new Set<string>();
    for (const { key } of rows) if (key.startsWith(NOTICE_PREFIX + 'digest-')) queued.add(key);
    // Per person: the batches found, each as a digest of its own, merged below.
    const found = new Map<string, Map<string, WaitingDigest>>();
    const sent = new Map<string, boolean>();
    for (const { key, value } of rows) {
      if (value.state !== 'digest') continue;
      const notice = value as DigestNotice;
      const batch = notice.batch ?? '';
      const seen = `${notice.recipientKey}\u0000${batch}`;
      let wasSent = sent.get(seen);
      if (wasSent === undefined) sent.set(seen, (wasSent = notice.batch !== undefined && queued.has(NOTICE_PREFIX + digestId(notice.recipientKey, notice.batch))));
      if (wasSent) continue;
      let batches = found.get(notice.recipientKey);
      if (!batches) found.set(notice.recipientKey, (batches = new Map()));
      let digest = batches.get(batch);
      if (!digest) batches.set(batch, (digest = new WaitingDigest(notice.batch ?? newBatch(), this.keep)));
      digest.add({ createdAt: notice.createdAt, contact: notice.contact, entry: notice.entry }, notice.dueAt, notice.reason === 'flood');
      if (notice.batch === undefined) digest.legacy.push({ id: key.slice(NOTICE_PREFIX.length), createdAt: notice.createdAt });
    }
    for (const [recipientKey, batches] of found) {
      // The batch with the newest line stays open; the others are counted in it.
      const [open, ...earlier] = [...batches.values()].sort((a, b) => (b.latest?.createdAt ?? 0) - (a.latest?.createdAt ?? 0));
      for (const digest of earlier) open!.absorb(digest);
      this.digests.set(recipientKey, open!);
    }
  }

  /** Tells a protected person about one verdict, once per notice id, now or in a digest. */
  /** `withEntries` (the buttons' handles) are written in the same commit as the notice. */
  async notify(recipientKey: string, contact: Contact, noticeId: string, message: OutboundMessage, entry: DigestEntry, wantsDigest: boolean, withEntries: readonly StoreEntry[] = []): Promise<NotifyResult> {
    const now = this.clock.now();
    const flood = this.flood(recipientKey, now);
    if (!wantsDigest && flood.sent < this.options.floodThreshold) {
      // The slot is taken before the store write: notices processed concurrently must not all see room.
      flood.sent += 1;
      const queued = await this.queue.enqueue(noticeId, { kind: 'direct', ...contact }, message, withEntries).catch((error: unknown) => {
        flood.sent -= 1;
        throw error;
      });
      if (queued) return 'queued';
      flood.sent -= 1;
      return 'duplicate';
    }
    const reason = wantsDigest ? 'daily' : 'flood';
    const dueAt = wantsDigest ? nextDigestTime(now, this.options.digestHourUtc) : flood.windowStart + this.options.floodWindowMs;
    const digest = this.open(recipientKey);
    const notice: DigestNotice = { state: 'digest', recipientKey, contact, entry, reason, dueAt, createdAt: now, batch: digest.batch };
    const write = addWith(this.store, withEntries, { key: NOTICE_PREFIX + noticeId, value: notice, ttlMs: this.options.tombstoneTtlMs });
    digest.writing.add(write);
    let added = false;
    try {
      added = await write;
    } finally {
      digest.writing.delete(write);
      // Counted in the digest the row names, even if a flush closed it meanwhile (the flush waits for it).
      if (added) digest.add({ createdAt: now, contact, entry }, dueAt, reason === 'flood');
      else if (digest.idle && this.digests.get(recipientKey) === digest) this.digests.delete(recipientKey);
    }
    if (!added) return 'duplicate';
    if (reason === 'flood' && !flood.grouping) {
      flood.grouping = true;
      this.log.info({ recipient: recipientKey }, 'flood of notices: grouping the rest of this window into a digest');
    }
    return 'digest';
  }

  /** Sends every digest that is due; returns how many digests were queued. Called by the timer, and by tests. */
  async flushDigests(): Promise<number> {
    const now = this.clock.now();
    // Closed before anything is awaited: lines that arrive from now on open the next digest.
    const due: Array<[string, WaitingDigest]> = [];
    for (const [recipientKey, digest] of this.digests) if (digest.count > 0 && digest.dueAt <= now) due.push([recipientKey, digest]);
    for (const [recipientKey] of due) this.digests.delete(recipientKey);
    // All at once, so that one group commit queues many people's digests.
    const results = await Promise.allSettled(due.map(([recipientKey, digest]) => this.send(recipientKey, digest, now)));
    await this.writeMarkers(results.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return due.length;
  }

  /** Queues one closed digest; returns the markers that record its earlier batches and old rows as sent. */
  private async send(recipientKey: string, digest: WaitingDigest, now: number): Promise<StoreEntry[]> {
    // Rows of this batch still being written are counted in it.
    await Promise.allSettled([...digest.writing]);
    try {
      await this.queue.enqueue(this.digestIdOf(recipientKey, digest), { kind: 'direct', ...digest.latest!.contact }, this.render(digest));
    } catch (error) {
      this.reopen(recipientKey, digest);
      throw error;
    }
    // The digest's own row marks its batch sent.
    const tombstone: DeliveredNotice = { state: 'done', at: now };
    const ttlMs = this.options.tombstoneTtlMs;
    return [
      ...digest.covers.map((batch) => ({ key: NOTICE_PREFIX + digestId(recipientKey, batch), value: tombstone, ttlMs })),
      ...digest.legacy.map((line) => ({ key: NOTICE_PREFIX + line.id, value: tombstone, ttlMs })),
    ];
  }

  /** Earliest time a waiting digest is due. */
  nextDigestAt(): number | undefined {
    let next: number | undefined;
    for (const digest of this.digests.values()) if (digest.count > 0) next = next === undefined ? digest.dueAt : Math.min(next, digest.dueAt);
    return next;
  }

  /** Digest lines kept in memory, over all people (for tests that check it stays bounded). */
  get linesInMemory(): number {
    let lines = 0;
    for (const digest of this.digests.values()) lines += digest.newest.length;
    return lines;
  }

  private get keep(): number {
    return Math.max(1, this.options.digestLines);
  }

  private open(recipientKey: string): WaitingDigest {
    let digest = this.digests.get(recipientKey);
    if (!digest) this.digests.set(recipientKey, (digest = new WaitingDigest(newBatch(), this.keep)));
    return digest;
  }

  /** A digest that could not be queued waits again, with whatever arrived since. */
  private reopen(recipientKey: string, closed: WaitingDigest): void {
    const current = this.digests.get(recipientKey);
    if (current) current.absorb(closed);
    else this.digests.set(recipientKey, closed);
  }

  private async writeMarkers(entries: StoreEntry[]): Promise<void> {
    const all = [...this.unwritten, ...entries];
    if (all.length === 0) return;
    this.unwritten = [];
    try {
      await setEntries(this.store, all);
    } catch (error) {
      this.unwritten.push(...all);
      throw error;
    }
  }

  /**
   * Named after its batch, so a restart can tell the batch was sent. A digest of rows written before
   * batches existed keeps the name the previous version gave it (a hash of those ids, oldest first), so a
   * digest that version queued before the upgrade is not queued twice.
   */
  private digestIdOf(recipientKey: string, digest: WaitingDigest): string {
    if (digest.legacy.length === digest.count && digest.covers.length === 0) {
      const ids = digest.legacy.slice().sort((a, b) => a.createdAt - b.createdAt).map((line) => line.id);
      return `digest-${sha256(recipientKey + '|' + ids.join(','))}`;
    }
    return digestId(recipientKey, digest.batch);
  }

  private render(digest: WaitingDigest): OutboundMessage {
    const { count, flood } = digest;
    const text = flood
      ? `ACTS digest: ${count} more flagged message${count === 1 ? '' : 's'} arrived in a short time, so they are grouped here. All of them are archived as evidence.`
      : `ACTS daily digest: ${count} flagged message${count === 1 ? '' : 's'} since the last digest. All of them are archived as evidence.`;
    const shown = digest.newest.slice(-this.options.digestLines);
    const fields = shown.map((line, i) => ({
      label: `${i + 1}. ${line.entry.verdict}`,
      value: `from ${line.entry.from} in ${line.entry.where} at ${line.entry.when} (UTC); record ${line.entry.evidenceId}`,
    }));
    if (count > shown.length) fields.unshift({ label: 'Earlier', value: `${count - shown.length} more, in the evidence export` });
    return {
      text,
      fields,
      buttons: [{ actionId: ACTIONS.exportEvidence, label: 'Export evidence', value: digest.latest!.entry.handle, style: 'primary' }],
    };
  }

  private flood(recipientKey: string, now: number): FloodWindow {
    let flood = this.floods.get(recipientKey);
    if (!flood || now - flood.windowStart >= this.options.floodWindowMs) {
      flood = { windowStart: now, sent: 0, grouping: false };
      this.floods.set(recipientKey, flood);
      if (this.floods.size > 100_000) this.forgetOldFloods(now);
    }
    return flood;
  }

  private forgetOldFloods(now: number): void {
    for (const [key, flood] of this.floods) if (now - flood.windowStart >= this.options.floodWindowMs) this.floods.delete(key);
  }
}

function newBatch(): string {
  return randomBytes(12).toString('base64url');
}

function digestId(recipientKey: string, batch: string): string {
  return `digest-${sha256(`${recipientKey}|batch|${batch}`)}`;
}

export function nextDigestTime(now: number, hourUtc: number): number {
  const day = new Date(now);
  const today = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourUtc);
  return today > now ? today : today + 24 * 60 * 60_000;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}
