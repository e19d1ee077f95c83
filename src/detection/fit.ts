// Fits the detector's linear heads on hashed features: idf from the training texts, NB log-count-ratio
// scaling (NB-SVM, Wang & Manning 2012), then an L2 squared-hinge SVM per head.
import { FeatureExtractor, type FeatureSpec, type PreparedText } from './features.js';
import { CsrBuilder, selectRows, type Csr } from './sparse-matrix.js';
import { fitSvm } from './svm.js';

export interface HeadOptions {
  C: number;
  positiveWeight?: number;
  /** Scale features by NB log-count ratios before fitting. */
  nb?: boolean;
  /** Additive smoothing of the NB feature masses (default 1). */
  nbAlpha?: number;
}

/** A trained head: one weight per hash bucket. */
export interface Head {
  weights: Float32Array;
  bias: number;
}

/** Smoothed idf per bucket, as scikit-learn computes it; 0 for buckets seen in fewer than `minDf` texts. */
export function computeIdf(docs: readonly PreparedText[], spec: FeatureSpec, minDf: number, raw: FeatureExtractor): Float32Array {
  const df = new Float32Array(1 << spec.bits);
  for (const d of docs) {
    const v = raw.extractPrepared(d);
    for (let k = 0; k < v.n; k++) df[v.idx[k] as number]! += 1;
  }
  const n = docs.length;
  const idf = new Float32Array(df.length);
  for (let b = 0; b < df.length; b++) {
    const f = df[b] as number;
    if (f >= minDf) idf[b] = Math.log((1 + n) / (1 + f)) + 1;
  }
  return idf;
}

export function buildMatrix(docs: readonly PreparedText[], extractor: FeatureExtractor): Csr {
  const builder = new CsrBuilder(extractor.spec.bits);
  for (const d of docs) builder.push(extractor.extractPrepared(d));
  return builder.build();
}

/** NB log-count ratio per column: log of (positive share of the feature mass) / (negative share). */
function nbRatios(m: Csr, y: Uint8Array, alpha = 1): Float32Array {
  const p = new Float64Array(m.cols).fill(alpha);
  const q = new Float64Array(m.cols).fill(alpha);
  for (let r = 0; r < m.rows; r++) {
    const target = y[r] === 1 ? p : q;
    for (let k = m.ptr[r] as number; k < (m.ptr[r + 1] as number); k++) target[m.col[k] as number]! += Math.abs(m.val[k] as number);
  }
  let ps = 0;
  let qs = 0;
  for (let j = 0; j < m.cols; j++) {
    ps += p[j] as number;
    qs += q[j] as number;
  }
  const r = new Float32Array(m.cols);
  for (let j = 0; j < m.cols; j++) r[j] = Math.log((p[j] as number) / ps / ((q[j] as number) / qs));
  return r;
}

/** Fits one head on the rows `rows` of `m` (all rows when omitted); `y[r]` is 1 for the positive class. */
export function fitHead(m: Csr, y: Uint8Array, opts: HeadOptions, bits: number, rows?: readonly number[]): Head {
  const sub = rows ? selectRows(m, rows) : m;
  const ySub = rows ? Uint8Array.from(rows, (r) => y[r] as number) : y;
  const scale = opts.nb ? nbRatios(sub, ySub, opts.nbAlpha ?? 1) : undefined;
  const scaled = scale ? { ...sub, val: sub.val.map((v, k) => v * (scale[sub.col[k] as number] as number)) } : sub;
  const model = fitSvm(scaled, ySub, { C: opts.C, positiveWeight: opts.positiveWeight ?? 1 });
  const weights = new Float32Array(1 << bits);
  for (let j = 0; j < m.cols; j++) weights[m.bucketOf[j] as number] = (model.w[j] as number) * (scale ? (scale[j] as number) : 1);
  return { weights, bias: model.bias };
}

/** Raw margin of one text under a head. */
export function margin(extractor: FeatureExtractor, head: Head, doc: PreparedText): number {
  const v = extractor.extractPrepared(doc);
  let s = head.bias;
  for (let k = 0; k < v.n; k++) s += (head.weights[v.idx[k] as number] as number) * (v.val[k] as number);
  return s;
}
