// A recipient's offender profile: the centroid of the confirmed messages' writeprints and a PCA (ml-pca)
// of how they vary, so a new burst is judged both inside that subspace and by its distance to it.
import { PCA } from 'ml-pca';
import type { OffenderProfile } from '../pipeline/contracts.js';
import type { WriteprintVector } from './space.js';

export interface ProfileJson {
  size: number;
  dim: number;
  centroid: number[];
  /** k × dim principal directions, row by row. */
  components: number[];
  eigenvalues: number[];
  residualVariance: number;
}

export class WriteprintProfile implements OffenderProfile {
  /** Centroid scaled to unit length, for the cosine. */
  readonly unitCentroid: Float32Array;

  constructor(
    readonly size: number,
    readonly centroid: Float32Array,
    readonly components: Float32Array,
    readonly eigenvalues: Float32Array,
    readonly residualVariance: number,
  ) {
    let norm = 0;
    for (const v of centroid) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    this.unitCentroid = centroid.map((v) => v / norm);
  }

  get dim(): number {
    return this.centroid.length;
  }

  toJSON(): ProfileJson {
    return {
      size: this.size,
      dim: this.dim,
      centroid: Array.from(this.centroid),
      components: Array.from(this.components),
      eigenvalues: Array.from(this.eigenvalues),
      residualVariance: this.residualVariance,
    };
  }

  static fromJSON(j: ProfileJson): WriteprintProfile {
    const k = j.eigenvalues.length;
    if (j.centroid.length !== j.dim || j.components.length !== k * j.dim || !(j.residualVariance > 0)) throw new Error('writeprint profile: inconsistent JSON');
    return new WriteprintProfile(j.size, Float32Array.from(j.centroid), Float32Array.from(j.components), Float32Array.from(j.eigenvalues), j.residualVariance);
  }
}

/**
 * Fits a profile. Small histories keep fewer components (k ≤ n − 2) and lean on the background's
 * within-author variance, because a handful of messages cannot say how an author varies.
 */
export function fitProfile(prints: readonly WriteprintVector[], dim: number, maxComponents: number, withinVariance: number): WriteprintProfile {
  const n = prints.length;
  const centroid = new Float32Array(dim);
  for (const p of prints) for (let c = 0; c < dim; c++) centroid[c]! += (p.vector[c] ?? 0) / n;
  const k = Math.max(0, Math.min(maxComponents, n - 2, dim - 1));
  let components = new Float32Array(0);
  let eigenvalues = new Float32Array(0);
  let residual = withinVariance;
  if (k > 0) {
    const pca = new PCA(prints.map((p) => Array.from(p.vector)), { center: true });
    const vectors = pca.getEigenvectors();
    const values = pca.getEigenvalues();
    components = new Float32Array(k * dim);
    for (let j = 0; j < k; j++) for (let c = 0; c < dim; c++) components[j * dim + c] = vectors.get(c, j);
    // Eigenvalues are shrunk towards the background so that one odd message cannot make a direction free.
    const w = n / (n + 20);
    eigenvalues = Float32Array.from(values.slice(0, k), (v) => w * v + (1 - w) * withinVariance);
    let rest = 0;
    for (let j = k; j < values.length; j++) rest += values[j] ?? 0;
    residual = w * (rest / (dim - k)) + (1 - w) * withinVariance;
  }
  return new WriteprintProfile(n, centroid, components, eigenvalues, Math.max(residual, 1e-6));
}
