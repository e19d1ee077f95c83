// What `acts scan` needs from the rest of the bot, behind one small interface: the analyser (whose
// evidence sink marks records as imported), the recipient's state, and a way to close it all. The
// command builds the real one; tests hand in doubles.
import type { MessageAnalyser } from '../pipeline/analyser.js';
import type { RecipientStateStore } from '../state/recipient-state.js';
import type { ImportMark } from './import-mark.js';

export interface ScanRuntime {
  analyser: MessageAnalyser;
  state: Pick<RecipientStateStore, 'get' | 'confirmOffender' | 'addRule'>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** The bot's data folder (ACTS_DATA_DIR, or --data-dir): the same archive and state the live bot uses. */
  dataDir?: string;
  imported: ImportMark;
}

export type OpenRuntime = (options: RuntimeOptions) => Promise<ScanRuntime>;
