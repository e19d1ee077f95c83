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
  cohort: { mean: Float32Array; covariance: Float32Array };
  profileComponents: number;
  withinVariance: number;
}

export class WriteprintSpace {
  readonly dim: number;
  readonly featurizer: RawFeaturizer;
  private readonly matrix: Float32Array;
  /** −Pᵀ·mean: the projection of the background mean, subtracted from every message. */
  private readonly origin: Float32Array;

  constructor(readonly params: SpaceParams) {
    this.featurizer = new RawFeaturizer(params.layout);
    const { mean, matrix, outDim } = params.projection;
    this.dim = outDim;
    this.matrix = matrix;
    this.origin = new Float32Array(outDim);
    for (let i = 0; i < mean.length; i++) {
      const m = mean[i] ?? 0;
      if (m === 0) continue;
      for (let c = 0; c < outDim; c++) this.origin[c]! -= m * (matrix[i * outDim + c] ?? 0);
    }
  }

  project(view: SparseView): Float32Array {
    const d = this.dim;
    const y = Float32Array.from(this.origin);
    const { indices, values, nnz } = view;
    const m = this.matrix;
    for (let j = 0; j < nnz; j++) {
      const x = values[j] ?? 0;
      if (x === 0) continue;
      const base = (indices[j] ?? 0) * d;
      for (let c = 0; c < d; c++) y[c]! += x * (m[base + c] ?? 0);
    }
    return y;
  }

  writeprint(text: string): WriteprintVector {
    const view = this.featurizer.extract(typeof text === 'string' ? text : '');
    return new WriteprintVector(view.length, this.project(view));
  }
}
