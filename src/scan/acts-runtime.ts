// The real ScanRuntime: the bot's own shipped pipeline, recipient state and evidence archive, opened on its
// data folder the way `npm start` opens them (src/app/runtime.ts), so what a scan archives and learns is
// what the live bot has, and the reverse.
import { mkdir } from 'node:fs/promises';
import { CliError } from '../cli/command.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { openArchiveFromConfig } from '../evidence/open-from-config.js';
import { ActsAnalyser } from '../pipeline/acts-analyser.js';
import type { ActsPipeline } from '../pipeline/pipeline.js';
import { loadShippedPipeline } from '../pipeline/shipped.js';
import { openDocumentStore } from '../storage/document-store.js';
import { KvRecipientStateStore, RECIPIENT_STATE_NAMESPACE } from '../state/kv-state-store.js';
import { markImported } from './import-mark.js';
import type { RuntimeOptions, ScanRuntime } from './runtime.js';

export async function openActsRuntime(options: RuntimeOptions, loadPipeline: () => ActsPipeline = loadShippedPipeline): Promise<ScanRuntime> {
  let config;
  try {
    config = loadConfig(options.dataDir ? { ...process.env, ACTS_DATA_DIR: options.dataDir } : process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 78);
    throw error;
  }
  const pipeline = loadPipeline();
  await mkdir(config.dataDir, { recursive: true });
  const archive = await openArchiveFromConfig(config);
  const stateStore = await openDocumentStore(config.storeUrl, RECIPIENT_STATE_NAMESPACE).catch(async (error: unknown) => {
    await archive.close();
    throw error;
  });
  const state = new KvRecipientStateStore(stateStore);
  return {
    analyser: new ActsAnalyser({ pipeline, states: state, sink: markImported(archive, options.imported) }),
    state,
    close: async () => {
      await archive.close();
      await stateStore.close();
    },
  };
}
