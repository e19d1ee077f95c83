// Small doubles of OUR interfaces (MessageAnalyser, the recipient's state, an evidence sink) for testing the
// scan without the trained pipeline: a word list decides, the offender list short-circuits, like the real one.
import { authorKey } from '../../src/core/keys.js';
import type { Analysis, EvidenceSink, Message, Recipient, Verdict, VerdictLabel } from '../../src/core/types.js';
import type { AnalysisOutcome, MessageAnalyser } from '../../src/pipeline/analyser.js';
import type { RecipientState } from '../../src/state/recipient-state.js';
import type { OffenderLedger } from '../../src/scan/scan-history.js';

export class MemoryState implements OffenderLedger {
  readonly offenders = new Map<string, Set<string>>();
  readonly texts = new Map<string, string[]>();
  get(recipientKey: string): Promise<RecipientState> {
    return Promise.resolve({
      offenders: this.offenders.get(recipientKey) ?? new Set(),
      rules: [],
      allow: [],
      dictionaryAdditions: [],
      confirmedTexts: this.texts.get(recipientKey) ?? [],
      version: 0,
    });
  }
  confirmOffender(recipientKey: string, senderKey: string, texts: readonly string[]): Promise<void> {
    const set = this.offenders.get(recipientKey) ?? new Set<string>();
    set.add(senderKey);
    this.offenders.set(recipientKey, set);
    this.texts.set(recipientKey, [...(this.texts.get(recipientKey) ?? []), ...texts]);
    return Promise.resolve();
  }
}

export class MemorySink implements EvidenceSink {
  readonly records: Analysis[] = [];
  private readonly ids = new Map<string, string>();
  archive(analysis: Analysis): Promise<{ id: string; duplicate: boolean }> {
    const key = `${analysis.message.platform}|${analysis.message.messageId}|${analysis.recipient.key}`;
    const existing = this.ids.get(key);
    if (existing) return Promise.resolve({ id: existing, duplicate: true });
    const id = `rec-${this.records.length}`;
    this.ids.set(key, id);
    this.records.push(analysis);
    return Promise.resolve({ id, duplicate: false });
  }
}

const THREATS = /(watch|know where|regret|quit|garbage|ugly|cannot hide|can't block)/i;

/** Flags threats, greys questions, and α says "grey" for anyone whose text shares a word of 5+ letters with the history. */
export class WordAnalyser implements MessageAnalyser {
  readonly seen: Array<{ message: Message; recipient: Recipient }> = [];
  constructor(
    private readonly state: Pick<OffenderLedger, 'get'>,
    private readonly sink: EvidenceSink,
  ) {}
  async analyse(message: Message, recipients: readonly Recipient[]): Promise<AnalysisOutcome[]> {
    const outcomes: AnalysisOutcome[] = [];
    for (const recipient of recipients) {
      this.seen.push({ message, recipient });
      const state = await this.state.get(recipient.key);
      const sender = authorKey(message);
      const listed = state.offenders.has(sender);
      const words = new Set(state.confirmedTexts.join(' ').toLowerCase().match(/[a-z]{5,}/g) ?? []);
      const shared = (message.text.toLowerCase().match(/[a-z]{5,}/g) ?? []).some((w) => words.has(w));
      const label: VerdictLabel = listed || THREATS.test(message.text) ? 'cyberstalking' : message.text.includes('?') ? 'grey' : 'clean';
      const verdict: Verdict = {
        label,
        score: label === 'clean' ? 0.1 : 0.9,
        rule: listed ? 'known-offender' : 'β',
        modules: {
          offender: { listed, senderKey: sender },
          detection: { label: label === 'clean' ? 'not' : label, score: 0.5, topFeatures: [], modelId: 'words' },
          identification: { label: !listed && shared ? 'grey' : 'not', score: shared ? 0.7 : 0, burstSize: 1, historySize: state.confirmedTexts.length, details: {} },
          personalisation: { value: 0, matches: [], allowed: false },
        },
      };
      const analysis: Analysis = { message, recipient, verdict, analysedAt: '2024-06-01T00:00:00.000Z' };
      const outcome: AnalysisOutcome = { analysis };
      if (label !== 'clean') {
        const archived = await this.sink.archive(analysis);
        outcome.evidenceId = archived.id;
        if (archived.duplicate) outcome.duplicate = true;
      }
      outcomes.push(outcome);
    }
    return outcomes;
  }
}
