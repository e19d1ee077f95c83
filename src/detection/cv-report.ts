// Honest per-fold figures from out-of-fold predictions: for each fold, calibration and thresholds come
// from the other folds' out-of-fold predictions only, then the fold is scored with them.
import { applyPlatt } from './calibration.js';
import { decide } from './decision.js';
import type { PreparedText } from './features.js';
import { binaryScores, rocAuc } from './metrics.js';
import { calibrate } from './oof-calibration.js';
import { chooseThresholds } from './thresholds.js';
import type { Labelled, OutOfFold } from './trainer.js';

export interface CvFigures {
  macroF1: number;
  precision: number;
  recall: number;
  greyRate: number;
  rocAuc: number;
}

/**
 * `personRule` false scores the offensive head alone (flagged = over the flag threshold), for data
 * whose positive class includes untargeted profanity (Davidson's "harmful").
 */
export function foldwiseFigures(oof: OutOfFold, docs: readonly PreparedText[], labels: readonly Labelled[], folds: readonly number[], personRule = true): CvFigures {
  const flagged: boolean[] = new Array<boolean>(labels.length).fill(false);
  const grey: boolean[] = new Array<boolean>(labels.length).fill(false);
  for (const f of new Set(folds)) {
    const others = folds.flatMap((g, i) => (g !== f ? [i] : []));
    const { platt, predictions } = calibrate(oof, docs, labels, others);
    const person = personRule ? Array.from(predictions.personInView) : labels.map(() => true);
    const t = chooseThresholds({ ...predictions, personInView: person }, others);
    folds.forEach((g, i) => {
      if (g !== f) return;
      const label = decide(t, applyPlatt(platt.offensive, oof.offensive[i] as number), person[i] as boolean);
      flagged[i] = label === 'cyberstalking';
      grey[i] = label === 'grey';
    });
  }
  const actual = labels.map((l) => l.offensive);
  const s = binaryScores(flagged, actual);
  return { macroF1: s.macroF1, precision: s.precision, recall: s.recall, greyRate: grey.filter(Boolean).length / grey.length, rocAuc: rocAuc(oof.offensive, actual) };
}
