// The real ScanRuntime: the bot's own analyser, recipient state and evidence archive, opened on its data
// folder, so what a scan archives and learns is what the live bot has (and the reverse).
import { mkdir } from 'node:fs/promises';
import { CliError } from '../cli/command.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { openArchiveFromConfig } from '../evidence/open-from-config.js';
import { loadDictionary } from '../personalisation/dictionary.js';
import { dictionaryMatcher } from '../personalisation/personalise.js';
import { ActsAnalyser } from '../pipeline/acts-analyser.js';
import type { Detector, Identifier } from '../pipeline/contracts.js';
import { ActsPipeline } from '../pipeline/pipeline.js';
import { openDocumentStore } from '../storage/document-store.js';
import { KvRecipientStateStore } from '../state/kv-state-store.js';
import { markImported } from './import-mark.js';
import type { RuntimeOptions, ScanRuntime } from './runtime.js';

/** The bot's own document namespace, where recipient state lives (`state:<recipient>` keys). */
export const STATE_NAMESPACE = 'bot';

/** The trained modules β and α; loaded from models/ once they ship in the build. */
export type ModelLoader = () => Promise<{ detector: Detector; identifier: Identifier }>;

const shippedModels: ModelLoader = () => Promise.reject(new CliError('acts scan needs the trained detection model (β), which is not in this build yet', 1));

export async function openActsRuntime(options: RuntimeOptions, loadModels: ModelLoader = shippedModels): Promise<ScanRuntime> {
  let config;
  try {
    config = loadConfig(options.dataDir ? { ...process.env, ACTS_DATA_DIR: options.dataDir } : process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 78);
    throw error;
  }
  const { detector, identifier } = await loadModels();
  await mkdir(config.dataDir, { recursive: true });
  const archive = await openArchiveFromConfig(config);
  const stateStore = await openDocumentStore(config.storeUrl, STATE_NAMESPACE).catch(async (error: unknown) => {
    await archive.close();
    throw error;
  });
  const state = new KvRecipientStateStore(stateStore);
  const pipeline = new ActsPipeline(detector, identifier, dictionaryMatcher(loadDictionary()));
  return {
    analyser: new ActsAnalyser({ pipeline, states: state, sink: markImported(archive, options.imported) }),
    state,
    close: async () => {
      await archive.close();
      await stateStore.close();
    },
  };
}
