// Runs the export sweep in the running bot: right after start, then every hour (the keep period is counted
// in hours). One run at a time; a failed run is logged and the next one tries again.

import { runPeriodically } from '../core/periodic.js';
import type { Logger } from '../observability/logger.js';
import type { Clock } from './clock.js';
import { sweepExports, type ExportKeep, type ExportSweepReport } from './export-sweep.js';

export const EXPORT_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface ExportSweepSchedule {
  /** Sweeps now, or joins the sweep under way; resolves with its report (undefined when it failed). */
  runNow(): Promise<ExportSweepReport | undefined>;
  stop(): Promise<void>;
}

export function scheduleExportSweep(
  exportDir: string,
  keep: ExportKeep,
  clock: Clock,
  log: Logger,
  options: { intervalMs?: number; firstRunMs?: number } = {},
): ExportSweepSchedule {
  let running: Promise<ExportSweepReport | undefined> | undefined;
  const runNow = (): Promise<ExportSweepReport | undefined> => {
    running ??= sweepExports(exportDir, keep, clock.now(), log)
      .then((report) => {
        if (report.removed + report.skipped + report.failed > 0) log.info({ ...report, rule: keep.rule }, 'export sweep finished');
        return report;
      })
      .catch((error: unknown) => {
        log.error({ code: (error as { code?: unknown }).code, err: error instanceof Error ? error.name : typeof error }, 'export sweep failed; it is retried at the next run');
        return undefined;
      })
      .finally(() => (running = undefined));
    return running;
  };
  log.info({ rule: keep.rule, keepHours: keep.keepMs / (60 * 60 * 1000), exportDir }, 'export sweep: server copies of bundles exported in chat are removed after this many hours');
  const timers = runPeriodically(() => void runNow(), options.firstRunMs ?? 0, options.intervalMs ?? EXPORT_SWEEP_INTERVAL_MS, () => running);
  return { runNow, stop: () => timers.stop() };
}
