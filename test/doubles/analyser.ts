// A deterministic MessageAnalyser double: text containing THREAT is cyberstalking, MAYBE is grey, a
// confirmed offender is cyberstalking, anything else is clean. Archives flagged and grey results like the
// real analyser does, and records which recipients it was asked about.
import { authorKey } from '../../src/core/keys.js';
import type { Message, Recipient, Verdict, VerdictLabel } from '../../src/core/types.js';
import type { EvidenceSink } from '../../src/core/types.js';
import type { AnalysisOutcome, MessageAnalyser } from '../../src/pipeline/analyser.js';
import type { RecipientStateStore } from '../../src/state/recipient-state.js';

export const THREAT = 'THREAT';
export const GREY = 'MAYBE';

export function verdictOf(label: VerdictLabel, rule: string, senderKey: string): Verdict {
  const score = label === 'cyberstalking' ? 0.93 : label === 'grey' ? 0.55 : 0.05;
  const moduleLabel = label === 'clean' ? 'not' : label;
  return {
    label,
    score,
    rule,
    modules: {
      offender: { listed: rule === 'known-offender', senderKey },
      detection: { label: moduleLabel, score, topFeatures: label === 'clean' ? [] : ['marker'], modelId: 'marker-test' },
      identification: { label: 'not', score: 0, burstSize: 1, historySize: 0, details: {} },
      personalisation: { value: 0, matches: [], allowed: false },
    },
  };
}

export class MarkerAnalyser implements MessageAnalyser {
  readonly calls: Array<{ messageId: string; recipients: string[] }> = [];

  constructor(private readonly sink: EvidenceSink, private readonly state?: RecipientStateStore) {}

  async analyse(message: Message, recipients: readonly Recipient[]): Promise<AnalysisOutcome[]> {
    this.calls.push({ messageId: message.messageId, recipients: recipients.map((r) => r.key) });
    const senderKey = authorKey(message);
    const outcomes: AnalysisOutcome[] = [];
    for (const recipient of recipients) {
      const offenders = this.state ? (await this.state.get(recipient.key)).offenders : new Set<string>();
      const [label, rule]: [VerdictLabel, string] = offenders.has(senderKey)
        ? ['cyberstalking', 'known-offender']
        : message.text.includes(THREAT)
          ? ['cyberstalking', 'β=1']
          : message.text.includes(GREY)
            ? ['grey', 'β=?']
            : ['clean', 'β=0'];
      const analysis = { message, recipient, verdict: verdictOf(label, rule, senderKey), analysedAt: new Date(0).toISOString() };
      if (label === 'clean') {
        outcomes.push({ analysis });
      } else {
        const { id, duplicate } = await this.sink.archive(analysis);
        outcomes.push({ analysis, evidenceId: id, duplicate });
      }
    }
    return outcomes;
  }
}
