// L2-regularised squared-hinge linear SVM trained by dual coordinate descent (Hsieh et al., ICML 2008;
// liblinear's default solver): one pass over the data per epoch and few epochs, so 5-fold
// cross-validation retrains in seconds. Deterministic: the visiting order comes from a seeded PRNG.
import type { Csr } from './sparse-matrix.js';
import { prng } from '../core/prng.js';

export interface SvmOptions {
  C: number;
  /** Weight of a positive example's loss relative to a negative one's. */
  positiveWeight?: number;
  /** Per-example loss weight (multiplies C), e.g. to count a borrowed data set less. */
  weights?: Float32Array;
  /** Constant feature value for the bias (regularised like any weight, as in liblinear's -B). */
  biasFeature?: number;
  maxEpochs?: number;
  /** Stop when the spread of projected gradients falls below this (liblinear's eps). */
  tolerance?: number;
  seed?: number;
}

export interface LinearModel {
  /** Weight per column of the training matrix. */
  w: Float32Array;
  bias: number;
}

/** `y[r]` is 1 for the positive class, 0 otherwise. */
export function fitSvm(m: Csr, y: Uint8Array, opts: SvmOptions): LinearModel {
  const { ptr, col, val } = m;
  const B = opts.biasFeature ?? 1;
  const posW = opts.positiveWeight ?? 1;
  const w = new Float64Array(m.cols);
  let wb = 0;
  const alpha = new Float64Array(m.rows);
  const diag = new Float64Array(m.rows);
  const qii = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    diag[r] = 1 / (2 * opts.C * (y[r] === 1 ? posW : 1) * (opts.weights ? (opts.weights[r] as number) : 1));
    let q = B * B;
    for (let k = ptr[r] as number; k < (ptr[r + 1] as number); k++) q += (val[k] as number) * (val[k] as number);
    qii[r] = q + (diag[r] as number);
  }
  const order = Int32Array.from({ length: m.rows }, (_, i) => i);
  const rand = prng(opts.seed ?? 1);
  const maxEpochs = opts.maxEpochs ?? 50;
  const tol = opts.tolerance ?? 0.1;
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    let maxPG = -Infinity;
    let minPG = Infinity;
    for (let o = 0; o < order.length; o++) {
      const r = order[o] as number;
      const yr = y[r] === 1 ? 1 : -1;
      const a = ptr[r] as number;
      const b = ptr[r + 1] as number;
      let s = wb * B;
      for (let k = a; k < b; k++) s += (w[col[k] as number] as number) * (val[k] as number);
      const ar = alpha[r] as number;
      const G = yr * s - 1 + (diag[r] as number) * ar;
      const PG = ar === 0 ? Math.min(G, 0) : G;
      if (PG > maxPG) maxPG = PG;
      if (PG < minPG) minPG = PG;
      if (PG === 0) continue;
      const next = Math.max(ar - G / (qii[r] as number), 0);
      const d = (next - ar) * yr;
      alpha[r] = next;
      if (d === 0) continue;
      for (let k = a; k < b; k++) w[col[k] as number]! += d * (val[k] as number);
      wb += d * B;
    }
    if (maxPG - minPG < tol) break;
  }
  return { w: Float32Array.from(w), bias: wb * B };
}
