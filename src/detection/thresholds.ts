// Chooses the decision thresholds on out-of-fold predictions only (never on held-out data).
import { decide, type Thresholds } from './decision.js';
import { binaryScores } from './metrics.js';

export interface OofPredictions {
  /** Calibrated offensive probability per text. */
  offensive: ArrayLike<number>;
  /** Calibrated targeted probability per text. */
  targeted: ArrayLike<number>;
  personInView: ArrayLike<boolean>;
  isOffensive: ArrayLike<boolean>;
  isTargeted: ArrayLike<boolean>;
}

/** Share of all texts that the grey band just below the flag threshold holds. */
export const GREY_BAND_SHARE = 0.05;

const GRID = Array.from({ length: 181 }, (_, i) => 0.05 + i * 0.005);

/** Thresholds from the rows `rows` (all when omitted). */
export function chooseThresholds(o: OofPredictions, rows?: readonly number[]): Thresholds {
  const idx = rows ?? Array.from({ length: o.offensive.length }, (_, i) => i);
  // Flag: the best offensive-vs-not macro-F1 of the whole rule, cyberstalking being the positive.
  const actual = idx.map((i) => Boolean(o.isOffensive[i]));
  let flag = 0.5;
  let best = -1;
  for (const t of GRID) {
    const f = binaryScores(
      idx.map((i) => decide({ flag: t, grey: t }, o.offensive[i] as number, Boolean(o.personInView[i])) === 'cyberstalking'),
      actual,
    ).macroF1;
    if (f > best) [best, flag] = [f, t];
  }
  // Grey: the band below `flag` that holds GREY_BAND_SHARE of the texts.
  const below = idx.map((i) => o.offensive[i] as number).filter((p) => p < flag).sort((a, b) => b - a);
  const k = Math.min(below.length - 1, Math.round(GREY_BAND_SHARE * idx.length));
  return { flag, grey: k >= 0 ? (below[k] as number) : flag };
}
