// The platform-neutral bot service: what every adapter calls. Dependencies come in through the
// constructor so the composition root wires the real ones and tests wire in-memory doubles.
import { personKey } from '../core/keys.js';
import type { Platform, Message } from '../core/types.js';
import type { EvidenceArchive, MessageRef } from '../evidence/contracts.js';
import type { Logger } from '../observability/logger.js';
import type { MessageAnalyser } from '../pipeline/analyser.js';
import type { RecipientStateStore } from '../state/recipient-state.js';
import { ActionHandles } from './action-handles.js';
import { handleAction } from './actions.js';
import { systemClock, type Clock } from './clock.js';
import { runCommand } from './commands/router.js';
import { callerKey, reply } from './commands/syntax.js';
import type { BotContext } from './context.js';
import { DEFAULT_QUEUE_OPTIONS, DeliveryQueue, type ProcessReport, type QueueOptions } from './delivery-queue.js';
import { documentMessage } from './document.js';
import { addressedToAnyone, dedupStoreKey, handleMessage, once } from './inbound.js';
import { DEFAULT_NOTIFIER_OPTIONS, Notifier, type NotifierOptions } from './notifier.js';
import { InboundQueue, type AcceptResult } from './inbound-queue.js';
import type { BotService, Caller, CommandRequest, InboundEvent, OutboundMessage, PlatformClient } from './ports.js';
import { RateLimiter, type BucketSpec } from './rate-limit.js';
import { Registry } from './registry.js';
import { DeliveryRunner } from './runner.js';
import type { KeyValueStore } from './store.js';

const HANDLE = /^[A-Za-z0-9_.-]{1,64}$/u;

export interface BotServiceOptions {
  queue: QueueOptions;
  notifier: NotifierOptions;
  /** Commands, buttons and document requests, per caller. */
  commandRate: BucketSpec;
  /** Evidence exports, per caller (they are heavy). */
  exportRate: BucketSpec;
  /** How long a processed delivery key is remembered (longer than any platform redelivers). */
  dedupTtlMs: number;
  maxRules: number;
  recentTextsForConfirm: number;
  /** Accepted (durably queued) events processed at the same time. */
  inboundConcurrency: number;
}

export const DEFAULT_SERVICE_OPTIONS: BotServiceOptions = {
  queue: DEFAULT_QUEUE_OPTIONS,
  notifier: DEFAULT_NOTIFIER_OPTIONS,
  commandRate: { capacity: 10, refillMs: 3_000 },
  exportRate: { capacity: 2, refillMs: 10 * 60_000 },
  dedupTtlMs: 8 * 24 * 60 * 60_000,
  maxRules: 50,
  recentTextsForConfirm: 20,
  inboundConcurrency: 64,
};

export interface BotServiceDeps {
  analyser: MessageAnalyser;
  archive: EvidenceArchive;
  state: RecipientStateStore;
  store: KeyValueStore;
  logger: Logger;
  /** Folder where `export` writes bundles (e.g. <ACTS_DATA_DIR>/exports). */
  exportDir: string;
  /** How long the export sweep keeps a bundle there, told to the person when a bundle stays on the server. */
  exportKeepMs?: number;
  clients?: PlatformClient[];
  clock?: Clock;
  options?: Partial<BotServiceOptions>;
}

export class ActsBotService implements BotService {
  private readonly ctx: BotContext;
  private readonly clients = new Map<Platform, PlatformClient>();
  private readonly commandLimiter: RateLimiter;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly runner: DeliveryRunner;
  private readonly inbound: InboundQueue;

  constructor(deps: BotServiceDeps) {
    const options = { ...DEFAULT_SERVICE_OPTIONS, ...deps.options };
    const clock = deps.clock ?? systemClock;
    const log = deps.logger.child({ component: 'bot' });
    for (const client of deps.clients ?? []) this.clients.set(client.platform, client);
    const queue = new DeliveryQueue(deps.store, this.clients, clock, log, options.queue);
    const notifier = new Notifier(deps.store, queue, clock, log, options.notifier);
    this.ctx = {
      analyser: deps.analyser,
      archive: deps.archive,
      state: deps.state,
      store: deps.store,
      registry: new Registry(deps.store),
      handles: new ActionHandles(deps.store),
      notifier,
      queue,
      clock,
      log,
      exportDir: deps.exportDir,
      ...(deps.exportKeepMs === undefined ? {} : { exportKeepMs: deps.exportKeepMs }),
      exportLimiter: new RateLimiter(options.exportRate, clock),
      limits: { maxRules: options.maxRules, recentTextsForConfirm: options.recentTextsForConfirm, dedupTtlMs: options.dedupTtlMs },
    };
    this.commandLimiter = new RateLimiter(options.commandRate, clock);
    this.runner = new DeliveryRunner(queue, notifier, clock, log);
    this.inbound = new InboundQueue(deps.store, (event) => this.processAccepted(event), clock, log, {
      concurrency: options.inboundConcurrency,
      dedupTtlMs: options.dedupTtlMs,
      // The platform was told it is stored, so it is retried until it succeeds (a damaged chain, a full
      // disk), with back-off; a restart resumes it too.
      maxAttempts: Number.POSITIVE_INFINITY,
      retryDelayMs: 1_000,
      maxRetryDelayMs: 60_000,
    });
  }

  /** Adapters start after the service; each registers its client here. Queued notices wait for it. */
  attachClient(client: PlatformClient): void {
    this.clients.set(client.platform, client);
    this.runner.kick();
  }

  /** Loads notices a previous run left undelivered and starts delivering them. */
  async start(): Promise<void> {
    await this.ctx.queue.load();
    await this.ctx.notifier.load();
    this.runner.start();
    await this.inbound.start();
  }

  /** Finishes the accepted events being processed (the rest stay stored for the next start). */
  async stop(): Promise<void> {
    await this.inbound.stop();
    await this.runner.stop();
  }

  /**
   * Delivers what is due now (the runner calls this; tests with a manual clock call it directly), after
   * the accepted events already queued have been processed.
   */
  async processQueue(): Promise<ProcessReport> {
    await this.inbound.idle();
    return this.ctx.queue.processDue();
  }

  /** Stores an event durably for processing after the platform has been acknowledged (see InboundQueue). */
  async accept(event: InboundEvent): Promise<AcceptResult> {
    return this.inbound.accept(event, await this.needsNoWork(event));
  }

  /** `accept` for a platform batch: one durable write (group commit) for all of it. */
  async acceptMany(events: readonly InboundEvent[]): Promise<AcceptResult[]> {
    const done = await Promise.all(events.map((event) => this.needsNoWork(event)));
    return this.inbound.acceptMany(events.map((event, i) => ({ event, done: done[i]! })));
  }

  /**
   * A message aimed at nobody protected, in a community nobody watches, needs no work: handleMessage
   * would stop at the same check. Storing it as done at once saves its second write.
   */
  private async needsNoWork(event: InboundEvent): Promise<boolean> {
    if (event.kind !== 'message') return false;
    return !(await addressedToAnyone(this.ctx, event.message));
  }

  /** Resolves when every accepted event has been processed. */
  drained(): Promise<void> {
    return this.inbound.idle();
  }

  /** Queues every digest that is due now; returns how many. */
  flushDigests(): Promise<number> {
    return this.ctx.notifier.flushDigests();
  }

  get pendingNotices(): number {
    return this.ctx.queue.size;
  }

  async onMessage(message: Message, dedupKey: string): Promise<void> {
    await this.singleFlight(dedupStoreKey(message.platform, dedupKey), () => handleMessage(this.ctx, message));
    this.runner.kick();
  }

  private async processAccepted(event: InboundEvent): Promise<void> {
    switch (event.kind) {
      case 'message':
        await handleMessage(this.ctx, event.message);
        this.runner.kick();
        return;
      case 'edit':
        await this.recordEdit(event.ref, event.edit, event.message);
        this.runner.kick();
        return;
      case 'delete':
        return this.recordDeletion(event.ref, event.deletedAt);
    }
  }

  private async recordEdit(ref: MessageRef, edit: { text: string; editedAt: string }, message?: Message): Promise<void> {
    const ids = await this.ctx.archive.recordEdit(ref, edit);
    this.ctx.log.info({ platform: ref.platform, messageId: ref.messageId, records: ids.length }, 'edit recorded');
    // Not archived for anyone yet (it was benign, or nobody it named was protected then): judge it as it is now.
    if (ids.length === 0 && message && message.platform === ref.platform && message.messageId === ref.messageId) {
      await handleMessage(this.ctx, { ...message, text: edit.text, editedAt: edit.editedAt });
    }
  }

  private async recordDeletion(ref: MessageRef, deletedAt: string): Promise<void> {
    const ids = await this.ctx.archive.recordDeletion(ref, deletedAt);
    this.ctx.log.info({ platform: ref.platform, messageId: ref.messageId, records: ids.length }, 'deletion recorded');
  }

  async onEdit(ref: MessageRef, edit: { text: string; editedAt: string }, dedupKey: string, message?: Message): Promise<void> {
    await this.singleFlight(dedupStoreKey(ref.platform, dedupKey), () => this.recordEdit(ref, edit, message));
    this.runner.kick();
  }

  async onDelete(ref: MessageRef, deletedAt: string, dedupKey: string): Promise<void> {
    await this.singleFlight(dedupStoreKey(ref.platform, dedupKey), () => this.recordDeletion(ref, deletedAt));
  }

  async onDocumentRequest(message: Message, requester: Caller): Promise<OutboundMessage> {
    return this.guarded(requester, 'document', () => documentMessage(this.ctx, message, requester));
  }

  async onCommand(request: CommandRequest): Promise<OutboundMessage> {
    return this.guarded(request.caller, 'command', () => runCommand(this.ctx, request));
  }

  async onAction(caller: Caller, actionId: string, value: string): Promise<OutboundMessage> {
    return this.guarded(caller, 'action', () => handleAction(this.ctx, caller, actionId, value));
  }

  /** Rate-limits per caller and turns a failure into a reply that reveals nothing (details go to the log, without text). */
  private async guarded(caller: Caller, what: string, work: () => Promise<OutboundMessage>): Promise<OutboundMessage> {
    let key: string;
    try {
      key = callerKey(caller);
    } catch {
      return reply('Sorry, this request could not be tied to your account.');
    }
    const wait = this.commandLimiter.take(key);
    if (wait > 0) return reply(`Too many requests. Please wait ${Math.ceil(wait / 1000)} s and try again.`);
    try {
      const result = await work();
      await this.noteHandle(caller, key);
      this.runner.kick();
      return result;
    } catch (error) {
      this.ctx.log.error({ person: key, what, err: errorSummary(error) }, 'request failed');
      return reply('Sorry, that did not work because of a problem on our side. Nothing was lost; please try again later.');
    }
  }

  async resolveHandle(platform: Platform, handle: string): Promise<string | undefined> {
    if (!HANDLE.test(handle)) return undefined;
    const userId = await this.ctx.registry.handleOwner(platform, handle);
    if (!userId) return undefined;
    // Only people still protected are found this way.
    return (await this.ctx.registry.protection(personKey(platform, userId))) ? userId : undefined;
  }

  /** Keeps a protected person's current handle (after the command ran, so protect/unprotect take effect). */
  private async noteHandle(caller: Caller, key: string): Promise<void> {
    if (!caller.handle || !HANDLE.test(caller.handle) || caller.platform === 'slack') return;
    if (await this.ctx.registry.protection(key)) await this.ctx.registry.rememberHandle(caller.platform, caller.handle, caller.userId);
    else await this.ctx.registry.forgetHandle(caller.platform, caller.handle, caller.userId);
  }

  /** Concurrent deliveries of the same event in this process share one run; the store stops later ones. */
  private singleFlight(key: string, work: () => Promise<void>): Promise<void> {
    const running = this.inflight.get(key);
    if (running) return running;
    const run = once(this.ctx, key, work)
      .then(() => undefined)
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, run);
    return run;
  }
}

/** Error class and code only: messages can quote user text or tokens. */
export function errorSummary(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? { name: error.name, code: String(code) } : { name: error.name };
}
