// Decides how a protected person hears about a verdict: a DM now, or a line in a digest. A digest is sent
// once a day to people who chose it, and also collects the overflow when one person is flooded, so a
// flood of harassment yields a bounded number of DMs while every message is still archived.
import { createHash } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { NOTICE_PREFIX, type DeliveredNotice, type DeliveryQueue } from './delivery-queue.js';
import { ACTIONS, type OutboundMessage } from './ports.js';
import type { Contact } from './registry.js';
import { addWith, setEntries, type KeyValueStore, type StoreEntry } from './store.js';

/** One line of a digest: no message text, only what points to the evidence. */
export interface DigestEntry {
  verdict: string;
  from: string;
  where: string;
  when: string;
  evidenceId: string;
  handle: string;
}

interface DigestNotice {
  state: 'digest';
  recipientKey: string;
  contact: Contact;
  entry: DigestEntry;
  reason: 'daily' | 'flood';
  dueAt: number;
  createdAt: number;
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

type WaitingNotice = DigestNotice & { id: string };

/** One person's waiting digest lines, with the earliest time any of them is due. */
interface WaitingDigest {
  notices: WaitingNotice[];
  dueAt: number;
}

export class Notifier {
  // By person, so a tick looks at each waiting person once, not at every line of a flood (which made each
  // tick cost grow with the flood: 60 % of the bot's CPU after 100,000 flagged messages under load).
  private readonly digests = new Map<string, WaitingDigest>();
  private readonly floods = new Map<string, FloodWindow>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: NotifierOptions = DEFAULT_NOTIFIER_OPTIONS,
  ) {}

  async load(): Promise<void> {
    for (const { key, value } of await this.store.list<{ state: string }>(NOTICE_PREFIX)) {
      if (value.state === 'digest') this.wait({ ...(value as DigestNotice), id: key.slice(NOTICE_PREFIX.length) });
    }
  }

  private wait(notice: WaitingNotice): void {
    const waiting = this.digests.get(notice.recipientKey);
    if (!waiting) {
      this.digests.set(notice.recipientKey, { notices: [notice], dueAt: notice.dueAt });
      return;
    }
    waiting.notices.push(notice);
    waiting.dueAt = Math.min(waiting.dueAt, notice.dueAt);
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
    const notice: DigestNotice = { state: 'digest', recipientKey, contact, entry, reason, dueAt, createdAt: now };
    if (!(await addWith(this.store, withEntries, { key: NOTICE_PREFIX + noticeId, value: notice }))) return 'duplicate';
    this.wait({ ...notice, id: noticeId });
    if (reason === 'flood' && !flood.grouping) {
      flood.grouping = true;
      this.log.info({ recipient: recipientKey }, 'flood of notices: grouping the rest of this window into a digest');
    }
    return 'digest';
  }

  /** Sends every digest that is due; returns how many digests were queued. Called by the timer, and by tests. */
  async flushDigests(): Promise<number> {
    const now = this.clock.now();
    let sent = 0;
    for (const [recipientKey, waiting] of [...this.digests]) {
      if (waiting.dueAt > now) continue;
      const notices = waiting.notices.slice().sort((a, b) => a.createdAt - b.createdAt);
      const id = `digest-${sha256(recipientKey + '|' + notices.map((n) => n.id).join(','))}`;
      const contact = notices[notices.length - 1]!.contact;
      await this.queue.enqueue(id, { kind: 'direct', ...contact }, this.render(notices));
      const tombstone: DeliveredNotice = { state: 'done', at: now };
      await setEntries(this.store, notices.map((n) => ({ key: NOTICE_PREFIX + n.id, value: tombstone, ttlMs: this.options.tombstoneTtlMs })));
      // Lines that arrived while this digest was being written wait for the next one.
      const flushed = new Set(notices.map((n) => n.id));
      const later = waiting.notices.filter((n) => !flushed.has(n.id));
      if (later.length === 0) this.digests.delete(recipientKey);
      else this.digests.set(recipientKey, { notices: later, dueAt: later.reduce((min, n) => Math.min(min, n.dueAt), Infinity) });
      sent += 1;
    }
    return sent;
  }

  /** Earliest time a waiting digest is due. */
  nextDigestAt(): number | undefined {
    let next: number | undefined;
    for (const waiting of this.digests.values()) next = next === undefined ? waiting.dueAt : Math.min(next, waiting.dueAt);
    return next;
  }

  private render(notices: WaitingNotice[]): OutboundMessage {
    const flood = notices.some((n) => n.reason === 'flood');
    const count = notices.length;
    const text = flood
      ? `ACTS digest: ${count} more flagged message${count === 1 ? '' : 's'} arrived in a short time, so they are grouped here. All of them are archived as evidence.`
      : `ACTS daily digest: ${count} flagged message${count === 1 ? '' : 's'} since the last digest. All of them are archived as evidence.`;
    const shown = notices.slice(-this.options.digestLines);
    const fields = shown.map((n, i) => ({
      label: `${i + 1}. ${n.entry.verdict}`,
      value: `from ${n.entry.from} in ${n.entry.where} at ${n.entry.when} (UTC); record ${n.entry.evidenceId}`,
    }));
    if (count > shown.length) fields.unshift({ label: 'Earlier', value: `${count - shown.length} more, in the evidence export` });
    const latest = notices[notices.length - 1]!;
    return {
      text,
      fields,
      buttons: [{ actionId: ACTIONS.exportEvidence, label: 'Export evidence', value: latest.entry.handle, style: 'primary' }],
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

export function nextDigestTime(now: number, hourUtc: number): number {
  const day = new Date(now);
  const today = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hourUtc);
  return today > now ? today : today + 24 * 60 * 60_000;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}
