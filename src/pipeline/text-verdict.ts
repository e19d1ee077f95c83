// What `acts classify` says about one text: the aggregator over β and the shipped dictionary (λ), for a
// recipient with no personal rules, no known offenders and no offender history (so α and the list are 0).
import type { IdentificationResult, VerdictLabel } from '../core/types.js';
import type { DictionaryEntry } from '../personalisation/dictionary.js';
import { dictionaryMatcher, personalise, type PersonalisationProfile } from '../personalisation/personalise.js';
import { CompiledRules } from '../personalisation/rules.js';
import { padForMatching, type ShingleMatcher } from '../personalisation/shingles.js';
import { aggregate } from './aggregator.js';
import type { Detector } from './contracts.js';

export interface TextVerdict {
  verdict: VerdictLabel;
  /** 0..1, the verdict's score (β's calibrated probability, raised by a dictionary match). */
  score: number;
}

const NO_HISTORY: IdentificationResult = { label: 'not', score: 0, burstSize: 1, historySize: 0, details: {} };
const NOBODY = 'none:anonymous';

export function createTextClassifier(detector: Detector, dictionary: ShingleMatcher<DictionaryEntry>): (text: string) => TextVerdict {
  const profile: PersonalisationProfile = { rules: new CompiledRules([]), additions: dictionaryMatcher([]), allow: [] };
  const epoch = new Date(0);
  return (text) => {
    const personalisation = personalise(dictionary, profile, { text, padded: padForMatching(text), senderKey: NOBODY, sentAt: epoch });
    const verdict = aggregate({
      offender: { listed: false, senderKey: NOBODY },
      detection: detector.detect(text),
      identification: NO_HISTORY,
      personalisation,
    });
    return { verdict: verdict.label, score: Number(verdict.score.toFixed(6)) };
  };
}
