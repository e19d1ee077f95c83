// Runs retention in the running bot: once shortly after start, then every day. One run at a time; a failed
// run is logged and the next one tries again (nothing is lost by waiting: retention only ever deletes).
import { runPeriodically } from '../core/periodic.js';
import type { Logger } from '../observability/logger.js';
import { retentionCutoff, type RetentionReport } from './retention.js';
import type { RetentionOptions } from './retention.js';

export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;
const FIRST_RUN_DELAY_MS = 60 * 1000;

export interface RetentionTarget {
  applyRetention(options: RetentionOptions): Promise<RetentionReport>;
}

export interface RetentionSchedule {
  /** Runs retention now (unless a run is under way); resolves with its report, or undefined when skipped. */
  runNow(): Promise<RetentionReport | undefined>;
  stop(): Promise<void>;
}

export function scheduleRetention(archive: RetentionTarget, days: number, log: Logger, options: { intervalMs?: number; firstRunMs?: number; now?: () => Date } = {}): RetentionSchedule {
  let running: Promise<RetentionReport | undefined> | undefined;
  const now = options.now ?? (() => new Date());
  const runNow = (): Promise<RetentionReport | undefined> => {
    if (running) return Promise.resolve(undefined);
    running = archive
      .applyRetention({ cutoff: retentionCutoff(days, now()), rule: `ACTS_RETENTION_DAYS=${days}`, now })
      .then((report) => {
        log.info({ deleted: report.deleted, recipients: report.recipients, held: report.held }, 'retention run finished');
        return report;
      })
      .catch((error: unknown) => {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'retention run failed; it is retried at the next run');
        return undefined;
      })
      .finally(() => (running = undefined));
    return running;
  };
  const timers = runPeriodically(() => void runNow(), options.firstRunMs ?? FIRST_RUN_DELAY_MS, options.intervalMs ?? RETENTION_INTERVAL_MS, () => running);
  return { runNow, stop: () => timers.stop() };
}
