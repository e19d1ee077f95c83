// Verification figures: ROC AUC (Mann–Whitney, ties counted half) and the equal-error rate.

/** Area under the ROC curve for scores where higher means "same author". */
export function rocAuc(genuine: ArrayLike<number>, impostor: ArrayLike<number>): number {
  const all: Array<[number, number]> = [];
  for (let i = 0; i < genuine.length; i++) all.push([genuine[i] ?? 0, 1]);
  for (let i = 0; i < impostor.length; i++) all.push([impostor[i] ?? 0, 0]);
  all.sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]![1] === 1) rankSumPos += avgRank;
    i = j;
  }
  const p = genuine.length, n = impostor.length;
  if (p === 0 || n === 0) return Number.NaN;
  return (rankSumPos - (p * (p + 1)) / 2) / (p * n);
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
