// Turns cross-validated pair scores into the shipped score: a logistic fusion of the three raw scores, and
// the two thresholds r1 < r2 on it. Every burst size and both classes weigh the same in the fit, so the
// score reads as P(same writer) at even prior odds.
import { fitLogistic } from './logistic.js';
import { eer, rocAuc, thresholdAtFar } from './metrics.js';
import type { PairColumns } from './cross-validate.js';
import { fusedScore, type Fusion } from './score.js';

/** Bursts of this size set the thresholds: the size the pipeline judges by default. */
export const THRESHOLD_BURST = 5;
/** r2: the false-alarm rate on impostor bursts we accept for a "cyberstalking" from α alone. */
export const R2_FALSE_ALARM = 0.01;
/**
 * r1: the false-alarm rate for "grey". Not the equal-error point: there one innocent burst in five would
 * be grey for every recipient with a history, and α grey with β grey is a 1 in the aggregator.
 */
export const R1_FALSE_ALARM = 0.05;

export function fitFusion(bySize: Map<number, PairColumns>): Fusion {
  const x: number[][] = [], y: number[] = [], w: number[] = [];
  const groups = bySize.size * 2;
  for (const c of bySize.values()) {
    const pos = c.same.reduce((s, v) => s + v, 0);
    const neg = c.same.length - pos;
    for (let i = 0; i < c.same.length; i++) {
      x.push([c.cohortZ[i] ?? 0, c.logDistanceIn[i] ?? 0, c.logDistanceOut[i] ?? 0]);
      y.push(c.same[i] ?? 0);
      // Normalised so the weights sum to the sample count: the L2 term stays as small as intended.
      w.push(((c.same[i] ? 1 / pos : 1 / neg) * c.same.length * bySize.size) / groups);
    }
  }
  return fitLogistic(x, y, w);
}

export function fusedColumn(c: PairColumns, f: Fusion): Float32Array {
  return Float32Array.from(c.same, (_, i) =>
    fusedScore({ cohortZ: c.cohortZ[i] ?? 0, logDistanceIn: c.logDistanceIn[i] ?? 0, logDistanceOut: c.logDistanceOut[i] ?? 0, cosine: 0, burstSize: 0 }, f),
  );
}

export function splitBySame(same: Uint8Array, scores: ArrayLike<number>): { genuine: number[]; impostor: number[] } {
  const genuine: number[] = [], impostor: number[] = [];
  for (let i = 0; i < same.length; i++) (same[i] ? genuine : impostor).push(scores[i] ?? 0);
  return { genuine, impostor };
}

export interface SizeFigures {
  burst: number;
  auc: number;
  eer: number;
  genuine: number;
  impostor: number;
}

export function figures(burst: number, same: Uint8Array, scores: ArrayLike<number>): SizeFigures {
  const { genuine, impostor } = splitBySame(same, scores);
  return { burst, auc: rocAuc(genuine, impostor), eer: eer(genuine, impostor), genuine: genuine.length, impostor: impostor.length };
}

export interface Thresholds {
  r1: number;
  r2: number;
  /** The measured rates at those thresholds for bursts of THRESHOLD_BURST. */
  at: { r1: { far: number; frr: number }; r2: { far: number; frr: number } };
}

/** r1 at R1_FALSE_ALARM and r2 at R2_FALSE_ALARM, both on bursts of THRESHOLD_BURST. */
export function chooseThresholds(c: PairColumns, f: Fusion): Thresholds {
  const { genuine, impostor } = splitBySame(c.same, fusedColumn(c, f));
  const lo = thresholdAtFar(genuine, impostor, R1_FALSE_ALARM);
  const hi = thresholdAtFar(genuine, impostor, R2_FALSE_ALARM);
  const r1 = Math.min(lo.threshold, hi.threshold);
  return { r1, r2: hi.threshold, at: { r1: { far: lo.far, frr: lo.frr }, r2: { far: hi.far, frr: hi.frr } } };
}
