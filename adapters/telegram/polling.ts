// Long polling that confirms an update to Telegram only after the bot service has committed it. Telegram
// treats the `offset` of the next getUpdates as the confirmation, so the offset advances past an update
// only when it and every update before it succeeded; a failed one is fetched again (and the ones after it,
// which the service's dedup makes harmless). Telegraf's own loop confirms a whole batch even when a
// handler failed, which is why this one exists. A batch handler sees a whole getUpdates answer, so the
// service can store it with one durable write before the offset confirms it.
import type { Logger } from '../../src/observability/logger.js';
import { ALLOWED_UPDATES, isObject } from './raw.js';
import type { UpdatesClient } from './updates-client.js';

export interface PollingOptions {
  /** Seconds Telegram holds an empty getUpdates open. */
  timeoutSec: number;
  limit: number;
  /** Wait after a failed handler or a failed getUpdates, doubled each time up to `maxRetryDelayMs`. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Pause after a full batch (more are waiting), so the accepted ones get processing time before the next fetch. */
  fullBatchPauseMs: number;
}

export const DEFAULT_POLLING: PollingOptions = { timeoutSec: 50, limit: 100, retryDelayMs: 1_000, maxRetryDelayMs: 60_000, fullBatchPauseMs: 5 };

export type Handler = (update: unknown, index: number) => Promise<void>;
/** Handles a getUpdates answer; one result per update, in order. An update is confirmed only if it and all before it succeeded. */
export type BatchHandler = (updates: unknown[]) => Promise<PromiseSettledResult<void>[]>;

export class Poller {
  private readonly abort = new AbortController();
  private offset = 0;
  private failures = 0;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly updates: UpdatesClient,
    private readonly handleBatch: BatchHandler,
    private readonly log: Logger,
    private readonly options: PollingOptions = DEFAULT_POLLING,
  ) {}

  start(): void {
    this.loop ??= this.run().catch((error: unknown) => {
      this.log.fatal({ code: (error as { code?: unknown }).code }, 'telegram polling stopped: the token was refused or another instance is polling');
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.updates.close();
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      let updates: unknown[];
      try {
        updates = await this.updates.getUpdates({ offset: this.offset, limit: this.options.limit, timeout: this.options.timeoutSec, allowed_updates: ALLOWED_UPDATES }, this.abort.signal);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        const code = (error as { code?: unknown }).code;
        if (code === 401 || code === 404 || code === 409) throw error;
        const retryAfter = Number((error as { parameters?: { retry_after?: unknown } }).parameters?.retry_after);
        await this.pause(Number.isFinite(retryAfter) ? retryAfter * 1000 : this.backoff(), { getUpdates: 'failed', code: typeof code === 'number' ? code : undefined });
        continue;
      }
      const batch = Array.isArray(updates) ? updates : [];
      const committed = await this.process(batch);
      if (committed && batch.length >= this.options.limit && this.options.fullBatchPauseMs > 0) await this.sleep(this.options.fullBatchPauseMs);
    }
  }

  /** true when the whole batch was committed. */
  private async process(updates: unknown[]): Promise<boolean> {
    if (updates.length === 0) return true;
    const ids = updates.map((u) => (isObject(u) && Number.isSafeInteger(u['update_id']) ? (u['update_id'] as number) : undefined));
    const results = await this.handleBatch(updates);
    const failed = results.findIndex((r) => r.status === 'rejected');
    if (failed < 0) {
      const last = ids.filter((id): id is number => id !== undefined).at(-1);
      if (last !== undefined) this.offset = Math.max(this.offset, last + 1);
      this.failures = 0;
      return true;
    }
    const failedId = ids[failed];
    // Everything before the failed update is committed; the failed one and what follows come again.
    const committed = ids.slice(0, failed).filter((id): id is number => id !== undefined).at(-1);
    if (committed !== undefined) this.offset = Math.max(this.offset, committed + 1);
    const reason = (results[failed] as PromiseRejectedResult).reason as { name?: unknown; code?: unknown };
    await this.pause(this.backoff(), { updateId: failedId, err: typeof reason?.name === 'string' ? reason.name : 'unknown', code: reason?.code });
    return false;
  }

  private backoff(): number {
    this.failures += 1;
    return Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (this.failures - 1));
  }

  private async pause(ms: number, details: Record<string, unknown>): Promise<void> {
    this.log.warn({ ...details, retryInMs: ms }, 'telegram update not committed; it will be fetched again');
    await this.sleep(ms);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.abort.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.abort.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * Updates of one chat run in order (an edit must not overtake its message); different chats run side by
 * side. Results come back in the order of `updates`.
 */
export async function runByChat(updates: unknown[], handle: Handler): Promise<PromiseSettledResult<void>[]> {
  const results: PromiseSettledResult<void>[] = new Array(updates.length);
  const lanes = new Map<string, number[]>();
  updates.forEach((update, i) => {
    const lane = chatOf(update);
    lanes.set(lane, [...(lanes.get(lane) ?? []), i]);
  });
  await Promise.all(
    [...lanes.values()].map(async (indexes) => {
      for (const i of indexes) {
        try {
          await handle(updates[i], i);
          results[i] = { status: 'fulfilled', value: undefined };
        } catch (reason) {
          results[i] = { status: 'rejected', reason };
        }
      }
    }),
  );
  return results;
}

function chatOf(update: unknown): string {
  if (!isObject(update)) return 'other';
  for (const value of Object.values(update)) {
    if (isObject(value) && isObject(value['chat']) && value['chat']['id'] !== undefined) return String(value['chat']['id']);
    if (isObject(value) && isObject(value['from']) && value['from']['id'] !== undefined) return `user:${String(value['from']['id'])}`;
  }
  return 'other';
}
