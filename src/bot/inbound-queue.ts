// A durable inbox for platforms that redeliver what was not acknowledged in time (Slack: 3 seconds).
// `accept` stores the event under its platform dedup key and resolves once it is on disk, so the adapter
// can acknowledge at once; a worker then processes it. Accepts that arrive together share one store write
// (a group commit) and one fsync; `acceptMany` puts a whole platform batch (a Telegram getUpdates answer)
// into one write. An event the service already knows needs no work (a message aimed at nobody protected)
// is stored as done in that same write, so it costs no second write. The entry is overwritten by the ordinary dedup marker after the work
// succeeded, so a redelivery is refused while the event waits and after it was processed, and a restart
// picks up every entry still pending.
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { dedupStoreKey } from './inbound.js';
import type { InboundEvent } from './ports.js';
import { setEntries, type KeyValueStore, type StoreEntry } from './store.js';

interface PendingEntry {
  pending: InboundEvent;
  acceptedAt: number;
}

/** What `accept` stores: the event to process, or (nothing to do) the done marker at once. */
export interface Acceptance {
  event: InboundEvent;
  /** true: nothing to process; the entry is written as done (a dedup marker) instead of pending. */
  done?: boolean;
}

interface Waiting {
  key: string;
  entry: PendingEntry | { at: number };
  ttlMs?: number;
  event?: InboundEvent;
  resolve(result: AcceptResult): void;
  reject(error: unknown): void;
}

export interface InboundQueueOptions {
  /** Events processed at the same time (the pipeline awaits stores; a few in flight keep the CPU busy). */
  concurrency: number;
  dedupTtlMs: number;
  /** Tries per event in this run; an event that still fails stays stored for the next start. */
  maxAttempts: number;
  /** Wait before the first retry, doubled after each failure up to `maxRetryDelayMs`. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

interface Ready {
  key: string;
  event: InboundEvent;
  attempts?: number;
}

export type AcceptResult = 'accepted' | 'duplicate';

const MARKER_DELAY_MS = 50;
const MARKER_BATCH = 1_000;

export class InboundQueue {
  private accepting = new Map<string, Promise<AcceptResult>>();
  private toWrite: Waiting[] = [];
  private writing = false;
  private readonly ready: Ready[] = [];
  /** Keys queued or running in this process. */
  private readonly known = new Set<string>();
  private readonly done: StoreEntry[] = [];
  private markerWrite: Promise<void> | undefined;
  private markerTimer: NodeJS.Timeout | undefined;
  private active = 0;
  /** Messages (see messageLane) with an event being processed. */
  private readonly busy = new Set<string>();
  /** Processing begins at construction; `start` only adds what a previous run left. */
  private running = true;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: KeyValueStore,
    private readonly handle: (event: InboundEvent) => Promise<void>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: InboundQueueOptions,
  ) {}

  /** Resumes what a previous run accepted but did not finish; returns how many. */
  async start(): Promise<number> {
    const left = await this.store.list<Partial<PendingEntry>>('dedup:');
    const pending = left.filter((e) => e.value.pending).sort((a, b) => (a.value.acceptedAt ?? 0) - (b.value.acceptedAt ?? 0));
    // An event accepted by this run already (adapters started early) is not queued twice.
    const fresh = pending.filter(({ key }) => !this.known.has(key));
    for (const { key, value } of fresh) this.push({ key, event: value.pending! });
    if (fresh.length > 0) this.log.info({ events: fresh.length }, 'resuming accepted events left unprocessed');
    this.pump();
    return fresh.length;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.writeMarkers();
    await this.idle();
  }

  /** Stores the event durably (or finds it stored already); only then may the platform be acknowledged. */
  accept(event: InboundEvent, done = false): Promise<AcceptResult> {
    const result = this.enqueue({ event, done });
    this.flushAccepts();
    return result;
  }

  /**
   * Stores a platform batch in one write (unless a write is running: then the batch waits for it and
   * goes into the next one whole). Resolves per event, like `accept`; rejects if the write failed.
   */
  acceptMany(acceptances: readonly Acceptance[]): Promise<AcceptResult[]> {
    const results = acceptances.map((a) => this.enqueue(a));
    this.flushAccepts();
    return Promise.all(results);
  }

  private enqueue({ event, done }: Acceptance): Promise<AcceptResult> {
    const key = dedupStoreKey(eventPlatform(event), event.dedupKey);
    const current = this.accepting.get(key);
    if (current) return current.then(() => 'duplicate');
    const now = this.clock.now();
    const waiting = (resolve: (r: AcceptResult) => void, reject: (e: unknown) => void): Waiting =>
      done
        ? { key, entry: { at: now }, ttlMs: this.options.dedupTtlMs, resolve, reject }
        : { key, entry: { pending: event, acceptedAt: now }, event, resolve, reject };
    const write = (): Promise<AcceptResult> =>
      new Promise<AcceptResult>((resolve, reject) => {
        this.toWrite.push(waiting(resolve, reject));
      });
    // With addMany the store itself refuses a key it holds, in the same write; otherwise read first.
    const result = this.store.addMany
      ? write()
      : this.store.get(key).then((found) => {
          if (found !== undefined) return 'duplicate' as const;
          const written = write();
          this.flushAccepts();
          return written;
        });
    this.accepting.set(key, result);
    void result.catch(() => undefined).finally(() => this.accepting.delete(key));
    return result;
  }

  /** Resolves when nothing is waiting, running or unwritten. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get backlog(): number {
    return this.ready.length + this.active;
  }

  private isIdle(): boolean {
    return this.toWrite.length === 0 && !this.writing && this.active === 0 && (this.ready.length === 0 || !this.running) && this.done.length === 0 && !this.markerWrite;
  }

  /** Group commit: everything that arrived while the previous write ran goes in the next one. */
  private flushAccepts(): void {
    if (this.writing || this.toWrite.length === 0) return;
    this.writing = true;
    const batch = this.toWrite;
    this.toWrite = [];
    const entries: StoreEntry[] = batch.map((w) => (w.ttlMs === undefined ? { key: w.key, value: w.entry } : { key: w.key, value: w.entry, ttlMs: w.ttlMs }));
    const written = this.store.addMany ? this.store.addMany(entries) : setEntries(this.store, entries).then(() => entries.map(() => true));
    void written
      .then(
        (added) => {
          batch.forEach((w, i) => {
            if (!added[i]) return w.resolve('duplicate');
            if (w.event) this.push({ key: w.key, event: w.event });
            w.resolve('accepted');
          });
        },
        (error: unknown) => {
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        this.writing = false;
        this.flushAccepts();
        this.pump();
      });
  }

  private push(item: Ready): void {
    this.known.add(item.key);
    this.ready.push(item);
  }

  private pump(): void {
    while (this.running && this.active < this.options.concurrency && this.ready.length > 0) {
      // Events about one message run one at a time, in the order accepted: an edit must not overtake its message.
      const index = this.ready.findIndex((r) => !this.busy.has(messageLane(r.event)));
      if (index < 0) break;
      const item = this.ready.splice(index, 1)[0]!;
      const lane = messageLane(item.event);
      this.busy.add(lane);
      this.active += 1;
      void this.process(item).finally(() => {
        this.busy.delete(lane);
        this.active -= 1;
        this.pump();
      });
    }
    this.checkIdle();
  }

  private async process(item: Ready): Promise<void> {
    try {
      await this.handle(item.event);
      this.known.delete(item.key);
      this.done.push({ key: item.key, value: { at: this.clock.now() }, ttlMs: this.options.dedupTtlMs });
      this.flushMarkers();
    } catch (error) {
      // It stays pending in the store either way; a few retries here, then the next start tries again.
      const attempts = (item.attempts ?? 0) + 1;
      const retry = attempts < this.options.maxAttempts;
      this.log.error({ key: item.key, attempts, retry, err: error instanceof Error ? error.name : typeof error }, 'accepted event failed');
      if (retry) setTimeout(() => {
        this.ready.push({ ...item, attempts });
        this.pump();
      }, Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (attempts - 1))).unref();
    }
  }

  /**
   * Done markers are batched too, and held back a little (MARKER_DELAY_MS, or until MARKER_BATCH wait) so
   * they take few commits away from the accepts and evidence that someone waits for; losing them in a
   * crash only means the event is processed again (idempotently).
   */
  private flushMarkers(): void {
    if (this.markerWrite || this.done.length === 0) return;
    if (this.done.length < MARKER_BATCH && this.running) {
      this.markerTimer ??= setTimeout(() => {
        this.markerTimer = undefined;
        this.writeMarkers();
      }, MARKER_DELAY_MS);
      return;
    }
    this.writeMarkers();
  }

  private writeMarkers(): void {
    if (this.markerTimer) clearTimeout(this.markerTimer);
    this.markerTimer = undefined;
    if (this.markerWrite || this.done.length === 0) return;
    const batch = this.done.splice(0);
    this.markerWrite = setEntries(this.store, batch)
      .catch((error: unknown) => this.log.error({ err: error instanceof Error ? error.name : typeof error, events: batch.length }, 'could not mark events processed; they will be processed again after a restart'))
      .finally(() => {
        this.markerWrite = undefined;
        this.flushMarkers();
        this.checkIdle();
      });
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function messageLane(event: InboundEvent): string {
  const ref = event.kind === 'message' ? event.message : event.ref;
  return `${ref.platform}\u0000${ref.channelId ?? ''}\u0000${ref.messageId}`;
}

function eventPlatform(event: InboundEvent): string {
  return event.kind === 'message' ? event.message.platform : event.ref.platform;
}
