// What the command, action and event handlers of the bot service share. Built once by the service.
import type { EvidenceArchive } from '../evidence/contracts.js';
import type { Logger } from '../observability/logger.js';
import type { MessageAnalyser } from '../pipeline/analyser.js';
import type { RecipientStateStore } from '../state/recipient-state.js';
import type { ActionHandles } from './action-handles.js';
import type { Clock } from './clock.js';
import type { Notifier } from './notifier.js';
import type { Registry } from './registry.js';
import type { RateLimiter } from './rate-limit.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { KeyValueStore } from './store.js';

export interface BotContext {
  analyser: MessageAnalyser;
  archive: EvidenceArchive;
  state: RecipientStateStore;
  store: KeyValueStore;
  registry: Registry;
  handles: ActionHandles;
  notifier: Notifier;
  queue: DeliveryQueue;
  clock: Clock;
  log: Logger;
  exportDir: string;
  exportKeepMs?: number;
  exportLimiter: RateLimiter;
  limits: { maxRules: number; recentTextsForConfirm: number; dedupTtlMs: number };
}
