// The projected writeprint space: raw features of a message → a short vector where one author's messages
// lie close together. Everything a profile or a score needs from the background model, and nothing more.
import type { Writeprint } from '../pipeline/contracts.js';
import { RawFeaturizer, type FeatureLayout, type SparseView } from './raw-features.js';

/** One message's writeprint: its projected style vector. Immutable once made; shared by all recipients. */
export class WriteprintVector implements Writeprint {
  constructor(
    /** Length of the text the features were read from (after the addressee was removed). */
    readonly length: number,
    readonly vector: Float32Array,
  ) {}
}

export interface SpaceParams {
  layout: FeatureLayout;
  projection: { mean: Float32Array; matrix: Float32Array; outDim: number };
  /** Mean and per-axis variance of the background authors' unit-length centroids (the axes are the cohort's principal axes). */
  cohort: { mean: Float32Array; variance: Float32Array };
  profileComponents: number;
  withinVariance: number;
}

export class WriteprintSpace {
  readonly dim: number;
  readonly featurizer: RawFeaturizer;
  private readonly matrix: Float64Array;
  /** −Pᵀ·mean: the projection of the background mean, subtracted from every message. */
  private readonly origin: Float64Array;
  private readonly acc: Float64Array;

  constructor(readonly params: SpaceParams) {
    this.featurizer = new RawFeaturizer(params.layout);
    const { mean, matrix, outDim } = params.projection;
    this.dim = outDim;
    this.matrix = Float64Array.from(matrix);
    this.acc = new Float64Array(outDim);
    this.origin = new Float64Array(outDim);
    for (let i = 0; i < mean.length; i++) {
      const m = mean[i] ?? 0;
      if (m === 0) continue;
      for (let c = 0; c < outDim; c++) this.origin[c]! -= m * (matrix[i * outDim + c] ?? 0);
    }
  }

  project(view: SparseView): Float32Array {
    const d = this.dim;
    const y = this.acc;
    y.set(this.origin);
    const { indices, values, nnz } = view;
    const m = this.matrix;
    const d4 = d - (d % 4);
    // The hot loop of α (one pass per distinct feature of the message): unrolled by four, in doubles.
    for (let j = 0; j < nnz; j++) {
      const x = values[j]!;
      if (x === 0) continue;
      let b = indices[j]! * d;
      let c = 0;
      for (; c < d4; c += 4, b += 4) {
        y[c]! += x * m[b]!;
        y[c + 1]! += x * m[b + 1]!;
        y[c + 2]! += x * m[b + 2]!;
        y[c + 3]! += x * m[b + 3]!;
      }
      for (; c < d; c++, b++) y[c]! += x * m[b]!;
    }
    return new Float32Array(y); // converts element by element, as from() would, without its iterator
  }

  writeprint(text: string): WriteprintVector {
    const view = this.featurizer.extract(typeof text === 'string' ? text : '');
    return new WriteprintVector(view.length, this.project(view));
  }
}
