// What `acts classify` says about one text. One small function on purpose: the lead will route it
// through the aggregator (with the shipped affect dictionary) later, and only this needs to change.
import type { VerdictLabel } from '../core/types.js';
import type { Detector } from '../pipeline/contracts.js';

export interface ClassifyOutcome {
  verdict: VerdictLabel;
  /** 0..1: the detector's calibrated offensive probability. */
  score: number;
}

const VERDICT = { not: 'clean', grey: 'grey', cyberstalking: 'cyberstalking' } as const;

export function classifyText(detector: Detector, text: string): ClassifyOutcome {
  const r = detector.detect(text);
  return { verdict: VERDICT[r.label], score: r.score };
}
