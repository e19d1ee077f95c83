// What the bot service (and the history scanner) call to run ACTS on one message.
import type { Analysis, Message, Recipient } from '../core/types.js';

export interface AnalysisOutcome {
  analysis: Analysis;
  /** Evidence record id, for flagged and grey verdicts (archived before `analyse` resolves). */
  evidenceId?: string;
  /** True when this message was already archived for this recipient (a redelivery). */
  duplicate?: boolean;
}

export interface MessageAnalyser {
  /**
   * Runs the pipeline once per recipient given (the caller decides who is protected) with that recipient's
   * own state, and archives every flagged or grey result before resolving.
   */
  analyse(message: Message, recipients: readonly Recipient[]): Promise<AnalysisOutcome[]>;
}
