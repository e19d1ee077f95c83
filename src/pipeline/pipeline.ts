// The ACTS pipeline for one message and one recipient: known-offender list → β → α → λ → aggregator.
// The recipient-independent work (β, the writeprint, folding the text) is done once per message in
// `prepareMessage`; `decide` then runs per recipient. Both are synchronous: this is the hot path.
import { authorKey } from '../core/keys.js';
import type { DetectionResult, Message, Verdict } from '../core/types.js';
import type { DictionaryEntry } from '../personalisation/dictionary.js';
import { personalise } from '../personalisation/personalise.js';
import { padForMatching, type ShingleMatcher } from '../personalisation/shingles.js';
import { aggregate } from './aggregator.js';
import type { Detector, Identifier, Writeprint } from './contracts.js';
import { checkKnownOffender } from './offenders.js';
import type { PreparedRecipient } from './prepared-recipient.js';

export interface MessageFeatures {
  message: Message;
  senderKey: string;
  sentAt: Date;
  padded: string;
  detection: DetectionResult;
  writeprint: Writeprint;
}

export class ActsPipeline {
  constructor(
    readonly detector: Detector,
    readonly identifier: Identifier,
    private readonly dictionary: ShingleMatcher<DictionaryEntry>,
  ) {}

  prepareMessage(message: Message): MessageFeatures {
    const sent = new Date(message.sentAt);
    return {
      message,
      senderKey: authorKey(message),
      sentAt: Number.isNaN(sent.getTime()) ? new Date(0) : sent,
      padded: padForMatching(message.text),
      detection: this.detector.detect(message.text),
      writeprint: this.identifier.writeprint(message.text),
    };
  }

  /** Runs modules 1-5 for one recipient; `burst` is the sender's recent writeprints ending with this message's. */
  decide(features: MessageFeatures, burst: readonly Writeprint[], recipient: PreparedRecipient): Verdict {
    const offender = checkKnownOffender(recipient.state.offenders, features.senderKey);
    const identification = this.identifier.identify(recipient.offenderProfile, burst);
    const personalisation = personalise(this.dictionary, recipient.personalisation, {
      text: features.message.text,
      padded: features.padded,
      senderKey: features.senderKey,
      sentAt: features.sentAt,
    });
    return aggregate({ offender, detection: features.detection, identification, personalisation });
  }
}
