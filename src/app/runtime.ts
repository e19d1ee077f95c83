// Everything the bot runs on besides the platforms: storage, the evidence archive, recipient state, the
// pipeline and the bot service. Shared by `npm start` (adapters/main.ts) and the crash and load harnesses.
import path from 'node:path';
import { systemClock, type Clock } from '../bot/clock.js';
import { CachedStore } from '../bot/cached-store.js';
import { exportKeep } from '../bot/export-sweep.js';
import { scheduleExportSweep, type ExportSweepSchedule } from '../bot/export-sweep-schedule.js';
import { openBotStore } from './bot-store.js';
import { ActsBotService } from '../bot/service.js';
import type { Config } from '../config/config.js';
import type { SignedEvidenceArchive } from '../evidence/archive.js';
import { openArchiveFromConfig } from '../evidence/open-from-config.js';
import { scheduleRetention, type RetentionSchedule } from '../evidence/retention-schedule.js';
import type { Logger } from '../observability/logger.js';
import { ActsAnalyser } from '../pipeline/acts-analyser.js';
import { loadShippedPipeline } from '../pipeline/shipped.js';
import { KvRecipientStateStore, RECIPIENT_STATE_NAMESPACE } from '../state/kv-state-store.js';
import { openDocumentStore, type DocumentStore } from '../storage/document-store.js';

export interface Runtime {
  service: ActsBotService;
  archive: SignedEvidenceArchive;
  /** Set when ACTS_RETENTION_DAYS is: the daily retention run. */
  retention?: RetentionSchedule;
  /** Removes the server copies of bundles exported in chat after ACTS_EXPORT_KEEP_HOURS (at start, then hourly). */
  exportSweep: ExportSweepSchedule;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** The bot service's clock (digests, flood windows, back-off); tests move it by hand. Default: system time. */
  clock?: Clock;
}

export async function openRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const pipeline = loadShippedPipeline();
  log.info({ detector: pipeline.detector.modelId, identifier: pipeline.identifier.modelId }, 'models loaded');
  const archive = await openArchiveFromConfig(config);
  const opened: DocumentStore[] = [];
  try {
    const botDocuments = await openBotStore(config);
    opened.push(botDocuments);
    const botStore = new CachedStore(botDocuments);
    const stateStore = await openDocumentStore(config.storeUrl, RECIPIENT_STATE_NAMESPACE);
    opened.push(stateStore);
    const state = new KvRecipientStateStore(stateStore);
    const analyser = new ActsAnalyser({ pipeline, states: state, sink: archive });
    const exportDir = path.join(config.dataDir, 'exports');
    const keep = exportKeep(config.exportKeepHours, config.retentionDays);
    const service = new ActsBotService({ analyser, archive, state, store: botStore, logger: log, exportDir, exportKeepMs: keep.keepMs, ...(options.clock ? { clock: options.clock } : {}) });
    await service.start();
    const retention = config.retentionDays === undefined ? undefined : scheduleRetention(archive, config.retentionDays, log);
    const exportSweep = scheduleExportSweep(exportDir, keep, options.clock ?? systemClock, log.child({ component: 'export-sweep' }));
    return {
      service,
      archive,
      retention,
      exportSweep,
      async close() {
        await exportSweep.stop();
        await retention?.stop();
        await service.stop();
        await archive.close();
        for (const store of opened) await store.close();
      },
    };
  } catch (error) {
    await archive.close().catch(() => undefined);
    for (const store of opened) await store.close().catch(() => undefined);
    throw error;
  }
}
