// One platform the load driver talks to: how the bot is configured for it, how a person opts in, how a
// planned message goes out, and what "acknowledged" means there (Slack: the HTTP answer; Telegram: the
// next getUpdates offset, which confirms every update before it).
import type { Planned } from './traffic.js';

export interface Sent extends Planned {
  /** The id the bot logs as messageId. */
  id: string;
  sentAt: number;
  /** true once the platform got its acknowledgement; false when it was refused or timed out. */
  acked?: boolean;
  ackMs?: number;
}

export interface LoadTarget {
  readonly name: 'slack' | 'telegram';
  /** Environment for the bot process (besides ACTS_DATA_DIR). */
  readonly env: Record<string, string>;
  /** The bot's log message that says it is ready for traffic. */
  readonly readyLog: string;
  protect(count: number): Promise<void>;
  send(planned: Planned): Sent;
  inflight(): number;
  /** Recipient key of protected person i, as the archive names it. */
  recipientKey(i: number): string;
  /** Dedup key prefix (in the bot store) of the events the load sends. */
  readonly dedupPrefix: string;
  /** Messages (DMs) the bot sent through the fake platform. */
  dmsSent(): number;
  close(): Promise<void>;
}
