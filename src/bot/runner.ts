// Wakes the delivery queue when a notice is due and checks digests every minute. Only timing lives here;
// what to send and when it is due is decided by the queue and the notifier.
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { Notifier } from './notifier.js';

const MAX_SLEEP_MS = 60_000;

export class DeliveryRunner {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private active: Promise<void> | undefined;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.running = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.active;
  }

  /** Something may be due now. */
  kick(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One tick at a time: a kick during a tick is served by the tick that follows it.
      if (this.active) {
        this.again = true;
        return;
      }
      this.active = this.tick().finally(() => {
        this.active = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
    }, Math.max(0, delayMs));
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    try {
      await this.notifier.flushDigests();
      await this.queue.processDue();
    } catch (error) {
      this.log.error({ err: error instanceof Error ? error.name : typeof error }, 'delivery tick failed; retrying later');
    }
    const next = Math.min(this.queue.nextDueAt() ?? Infinity, this.notifier.nextDigestAt() ?? Infinity);
    const delay = Number.isFinite(next) ? next - this.clock.now() : MAX_SLEEP_MS;
    if (!this.timer) this.schedule(Math.min(MAX_SLEEP_MS, Math.max(delay, 10)));
  }
}
