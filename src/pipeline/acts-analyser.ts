// The MessageAnalyser the bot and the history scanner use: the pipeline per recipient with each
// recipient's own state, and every flagged or grey verdict handed to the evidence sink before returning.
import type { Analysis, EvidenceSink, Message, Recipient } from '../core/types.js';
import type { RecipientStateStore } from '../state/recipient-state.js';
import type { AnalysisOutcome, MessageAnalyser } from './analyser.js';
import { BurstTracker } from './bursts.js';
import type { ActsPipeline } from './pipeline.js';
import { PreparedRecipientCache } from './prepared-recipient.js';

export interface ActsAnalyserDeps {
  pipeline: ActsPipeline;
  states: Pick<RecipientStateStore, 'get'>;
  sink: EvidenceSink;
  bursts?: BurstTracker;
  now?: () => Date;
}

export class ActsAnalyser implements MessageAnalyser {
  private readonly prepared: PreparedRecipientCache;
  private readonly bursts: BurstTracker;
  private readonly now: () => Date;

  constructor(private readonly deps: ActsAnalyserDeps) {
    this.prepared = new PreparedRecipientCache(deps.pipeline.identifier);
    this.bursts = deps.bursts ?? new BurstTracker();
    this.now = deps.now ?? (() => new Date());
  }

  async analyse(message: Message, recipients: readonly Recipient[]): Promise<AnalysisOutcome[]> {
    if (recipients.length === 0) return [];
    const features = this.deps.pipeline.prepareMessage(message);
    const burst = this.bursts.add(features.senderKey, features.writeprint, features.sentAt.getTime());
    const outcomes: AnalysisOutcome[] = [];
    for (const recipient of recipients) {
      const state = await this.deps.states.get(recipient.key);
      const verdict = this.deps.pipeline.decide(features, burst, this.prepared.get(recipient.key, state));
      const analysis: Analysis = { message, recipient, verdict, analysedAt: this.now().toISOString() };
      if (verdict.label === 'clean') {
        outcomes.push({ analysis });
        continue;
      }
      const archived = await this.deps.sink.archive(analysis);
      outcomes.push({ analysis, evidenceId: archived.id, duplicate: archived.duplicate });
    }
    return outcomes;
  }
}
