// Verification figures: ROC AUC (Mann–Whitney, ties counted half) and the equal-error rate.
import { rocAuc as rocAucOf } from '../core/roc-auc.js';

/** Area under the ROC curve for scores where higher means "same author". */
export function rocAuc(genuine: ArrayLike<number>, impostor: ArrayLike<number>): number {
  const scores = new Float64Array(genuine.length + impostor.length);
  const actual = new Uint8Array(scores.length);
  for (let i = 0; i < genuine.length; i++) {
    scores[i] = genuine[i] ?? 0;
    actual[i] = 1;
  }
  for (let i = 0; i < impostor.length; i++) scores[genuine.length + i] = impostor[i] ?? 0;
  return rocAucOf(scores, actual);
}

export interface OperatingPoint {
  threshold: number;
  /** False-accept rate: impostor bursts at or above the threshold. */
  far: number;
  /** False-reject rate: genuine bursts below the threshold. */
  frr: number;
}

function sorted(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

function countBelow(sortedXs: Float64Array, t: number): number {
  let lo = 0, hi = sortedXs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedXs[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The threshold where false accepts and false rejects are (nearly) equal. */
export function equalErrorPoint(genuine: ArrayLike<number>, impostor: ArrayLike<number>): OperatingPoint {
  const g = sorted(genuine), im = sorted(impostor);
  const candidates = sorted([...g, ...im]);
  let best: OperatingPoint = { threshold: Number.NaN, far: 1, frr: 1 };
  let bestGap = Infinity;
  for (const t of candidates) {
    const frr = countBelow(g, t) / g.length;
    const far = (im.length - countBelow(im, t)) / im.length;
    const gap = Math.abs(far - frr);
    if (gap < bestGap) {
      bestGap = gap;
      best = { threshold: t, far, frr };
    }
  }
  return best;
}

export function eer(genuine: ArrayLike<number>, impostor: ArrayLike<number>): number {
  const p = equalErrorPoint(genuine, impostor);
  return (p.far + p.frr) / 2;
}

/** The lowest threshold whose false-accept rate on impostors is at most `far`. */
export function thresholdAtFar(genuine: ArrayLike<number>, impostor: ArrayLike<number>, far: number): OperatingPoint {
  const g = sorted(genuine), im = sorted(impostor);
  const k = Math.min(im.length - 1, Math.max(0, Math.ceil(im.length * (1 - far)) - 1));
  const base = im[k] ?? 0;
  // Just above the k-th impostor score, so at most a fraction `far` of impostors reach it.
  const threshold = base + Math.max(1e-9, Math.abs(base) * 1e-9);
  return { threshold, far: (im.length - countBelow(im, threshold)) / im.length, frr: countBelow(g, threshold) / g.length };
}
