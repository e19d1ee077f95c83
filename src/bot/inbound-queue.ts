// A durable inbox for platforms that redeliver what was not acknowledged in time (Slack: 3 seconds).
// `accept` stores the event under its platform dedup key and resolves once it is on disk, so the adapter
// can acknowledge at once; a worker then processes it. Accepts that arrive together share one store write
// (a group commit) and one fsync. The entry is overwritten by the ordinary dedup marker after the work
// succeeded, so a redelivery is refused while the event waits and after it was processed, and a restart
// picks up every entry still pending.
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { dedupStoreKey } from './inbound.js';
import type { InboundEvent } from './ports.js';
import type { KeyValueStore, StoreEntry } from './store.js';

interface PendingEntry {
  pending: InboundEvent;
  acceptedAt: number;
}

interface Waiting {
  key: string;
  entry: PendingEntry;
  resolve(result: AcceptResult): void;
  reject(error: unknown): void;
}

export interface InboundQueueOptions {
  /** Events processed at the same time (the pipeline awaits stores; a few in flight keep the CPU busy). */
  concurrency: number;
  dedupTtlMs: number;
  /** Tries per event in this run; an event that still fails stays stored for the next start. */
  maxAttempts: number;
  retryDelayMs: number;
}

interface Ready {
  key: string;
  event: InboundEvent;
  attempts?: number;
}

export type AcceptResult = 'accepted' | 'duplicate';

export class InboundQueue {
  private accepting = new Map<string, Promise<AcceptResult>>();
  private toWrite: Waiting[] = [];
  private writing = false;
  private readonly ready: Ready[] = [];
  /** Keys queued or running in this process. */
  private readonly known = new Set<string>();
  private readonly done: StoreEntry[] = [];
  private markerWrite: Promise<void> | undefined;
  private active = 0;
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
    await this.idle();
  }

  /** Stores the event durably (or finds it stored already); only then may the platform be acknowledged. */
  accept(event: InboundEvent): Promise<AcceptResult> {
    const key = dedupStoreKey(eventPlatform(event), event.dedupKey);
    const current = this.accepting.get(key);
    if (current) return current.then(() => 'duplicate');
    const write = (): Promise<AcceptResult> =>
      new Promise<AcceptResult>((resolve, reject) => {
        this.toWrite.push({ key, entry: { pending: event, acceptedAt: this.clock.now() }, resolve, reject });
        this.flushAccepts();
      });
    // With addMany the store itself refuses a key it holds, in the same write; otherwise read first.
    const result = this.store.addMany ? write() : this.store.get(key).then((found) => (found !== undefined ? ('duplicate' as const) : write()));
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
    const entries = batch.map((w) => ({ key: w.key, value: w.entry }));
    const written = this.store.addMany ? this.store.addMany(entries) : setMany(this.store, entries).then(() => entries.map(() => true));
    void written
      .then(
        (added) => {
          batch.forEach((w, i) => {
            if (!added[i]) return w.resolve('duplicate');
            this.push({ key: w.key, event: w.entry.pending });
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
      const item = this.ready.shift()!;
      this.active += 1;
      void this.process(item).finally(() => {
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
      }, this.options.retryDelayMs).unref();
    }
  }

  /** Done markers are batched too; losing them in a crash only means the event is processed again (idempotently). */
  private flushMarkers(): void {
    if (this.markerWrite || this.done.length === 0) return;
    const batch = this.done.splice(0);
    this.markerWrite = setMany(this.store, batch)
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

function eventPlatform(event: InboundEvent): string {
  return event.kind === 'message' ? event.message.platform : event.ref.platform;
}

async function setMany(store: KeyValueStore, entries: StoreEntry[]): Promise<void> {
  if (store.setMany) return store.setMany(entries);
  for (const e of entries) await store.set(e.key, e.value, e.ttlMs);
}
