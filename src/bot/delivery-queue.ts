// Every DM and log-channel post goes through this queue. Each notice is stored under a deterministic id
// with an atomic add, so a redelivered event cannot queue it twice, and it survives a restart until it is
// delivered; then only a tombstone (no text) stays, for as long as a platform may redeliver the event.
// Rate limits pause the whole platform for the time it asks; transient errors back off, boundedly;
// unreachable people are logged and dropped (the evidence is already archived). A notice whose attached
// files the export sweep removed while it waited goes as a note saying so (expired-attachments.ts).
import type { Platform } from '../core/types.js';
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { expiredExportNotice, missingAttachments } from './expired-attachments.js';
import { DeliveryError, type OutboundMessage, type PlatformClient } from './ports.js';
import { addWith, type KeyValueStore, type StoreEntry } from './store.js';

export type Target =
  | { kind: 'direct'; platform: Platform; userId: string; workspaceId?: string }
  | { kind: 'channel'; platform: Platform; channelId: string; workspaceId?: string };

export interface QueuedNotice {
  state: 'queued';
  target: Target;
  message: OutboundMessage;
  attempts: number;
  notBefore: number;
  createdAt: number;
}

export interface DeliveredNotice {
  state: 'done' | 'dropped';
  at: number;
}

export interface QueueOptions {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a delivered notice's tombstone blocks a re-queue (longer than any platform redelivers). */
  tombstoneTtlMs: number;
  /** How long to wait for an adapter that has not registered its client yet. */
  noClientDelayMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  maxAttempts: 6,
  baseBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
  tombstoneTtlMs: 8 * 24 * 60 * 60_000,
  noClientDelayMs: 5_000,
};

export const NOTICE_PREFIX = 'notice:';

export interface ProcessReport {
  sent: number;
  retrying: number;
  dropped: number;
}

export class DeliveryQueue {
  private readonly pending = new Map<string, QueuedNotice>();
  private readonly pausedUntil = new Map<Platform, number>();
  private running: Promise<ProcessReport> | undefined;

  constructor(
    private readonly store: KeyValueStore,
    private readonly clients: ReadonlyMap<Platform, PlatformClient>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: QueueOptions = DEFAULT_QUEUE_OPTIONS,
  ) {}

  /** Picks up what a previous run left undelivered. */
  async load(): Promise<number> {
    for (const { key, value } of await this.store.list<{ state: string }>(NOTICE_PREFIX)) {
      if (value.state === 'queued') this.pending.set(key.slice(NOTICE_PREFIX.length), value as QueuedNotice);
    }
    return this.pending.size;
  }

  /**
   * Queues a notice once per id; false when that id was queued (or delivered) before. `with` are entries
   * the notice needs (its buttons' handles), added in the same write.
   */
  async enqueue(id: string, target: Target, message: OutboundMessage, withEntries: readonly StoreEntry[] = []): Promise<boolean> {
    const now = this.clock.now();
    const notice: QueuedNotice = { state: 'queued', target, message, attempts: 0, notBefore: now, createdAt: now };
    if (!(await addWith(this.store, withEntries, { key: NOTICE_PREFIX + id, value: notice }))) return false;
    this.pending.set(id, notice);
    return true;
  }

  get size(): number {
    return this.pending.size;
  }

  /** When the next queued notice may go, for the timer. */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const notice of this.pending.values()) {
      const due = Math.max(notice.notBefore, this.pausedUntil.get(notice.target.platform) ?? 0);
      next = next === undefined ? due : Math.min(next, due);
    }
    return next;
  }

  /** Sends every notice that is due now, one at a time, in the order they were queued. */
  processDue(): Promise<ProcessReport> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<ProcessReport> {
    const report: ProcessReport = { sent: 0, retrying: 0, dropped: 0 };
    const due = [...this.pending.entries()].sort((a, b) => a[1].notBefore - b[1].notBefore || a[1].createdAt - b[1].createdAt);
    for (const [id, notice] of due) {
      const now = this.clock.now();
      if (notice.notBefore > now || (this.pausedUntil.get(notice.target.platform) ?? 0) > now) continue;
      const client = this.clients.get(notice.target.platform);
      if (!client) {
        notice.notBefore = now + this.options.noClientDelayMs;
        continue;
      }
      try {
        await send(client, notice.target, await this.deliverable(id, notice));
        await this.finish(id, 'done');
        report.sent += 1;
      } catch (error) {
        if (await this.failed(id, notice, error)) report.retrying += 1;
        else report.dropped += 1;
      }
    }
    return report;
  }

  /** The notice as stored, or the expiry note when files it attaches were removed from the server meanwhile. */
  private async deliverable(id: string, notice: QueuedNotice): Promise<OutboundMessage> {
    if (!notice.message.file && !notice.message.files?.length) return notice.message;
    const missing = await missingAttachments(notice.message);
    if (missing === 0) return notice.message;
    this.log.info({ noticeId: id, platform: notice.target.platform, missingFiles: missing }, 'attached files are gone from the server (export expired): sending a note instead');
    return expiredExportNotice(notice.target.platform);
  }

  /** Returns true when the notice will be retried. */
  private async failed(id: string, notice: QueuedNotice, error: unknown): Promise<boolean> {
    const now = this.clock.now();
    const failure = error instanceof DeliveryError ? error.failure : { kind: 'transient' as const, detail: errorName(error) };
    const where = { noticeId: id, platform: notice.target.platform, target: notice.target.kind, attempts: notice.attempts + 1 };
    if (failure.kind === 'unreachable') {
      this.log.warn({ ...where, reason: failure.detail }, 'notice dropped: the person cannot be reached (evidence is kept)');
      await this.finish(id, 'dropped');
      return false;
    }
    if (failure.kind === 'rate-limited') {
      const until = now + Math.max(0, failure.retryAfterMs);
      this.pausedUntil.set(notice.target.platform, Math.max(until, this.pausedUntil.get(notice.target.platform) ?? 0));
      notice.notBefore = until;
      this.log.info({ ...where, retryAfterMs: failure.retryAfterMs }, 'platform rate limit: notice delayed');
    } else {
      notice.attempts += 1;
      if (notice.attempts >= this.options.maxAttempts) {
        this.log.error({ ...where, reason: failure.detail }, 'notice dropped after repeated transient failures (evidence is kept)');
        await this.finish(id, 'dropped');
        return false;
      }
      notice.notBefore = now + Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (notice.attempts - 1));
      this.log.warn({ ...where, reason: failure.detail, retryInMs: notice.notBefore - now }, 'notice delivery failed: will retry');
    }
    await this.store.set(NOTICE_PREFIX + id, notice);
    return true;
  }

  private async finish(id: string, state: DeliveredNotice['state']): Promise<void> {
    this.pending.delete(id);
    const tombstone: DeliveredNotice = { state, at: this.clock.now() };
    await this.store.set(NOTICE_PREFIX + id, tombstone, this.options.tombstoneTtlMs);
  }
}

function send(client: PlatformClient, target: Target, message: OutboundMessage): Promise<void> {
  return target.kind === 'direct'
    ? client.sendDirect(target.userId, message, target.workspaceId)
    : client.postToChannel(target.channelId, message, target.workspaceId);
}

/** Only the error's class name: its message may quote what was being sent. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
