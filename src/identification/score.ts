// Scores a burst against a profile: the cosine to the profile's centroid, normalised against the cohort
// of background writers (T-norm), and the two PCA distances (inside the profile's subspace, and to it).
import type { WriteprintProfile } from './profile.js';
import type { WriteprintVector } from './space.js';

export interface Cohort {
  /** Mean and per-axis variance of the background authors' unit-length centroids (axes = its principal axes). */
  mean: Float32Array;
  variance: Float32Array;
}

export interface RawScores {
  cosine: number;
  /** (cosine − cohort mean) / cohort sd: how much closer the burst is to this profile than to other writers. */
  cohortZ: number;
  /** log of the burst's Mahalanobis distance inside the profile's PCA subspace, per component and per message. */
  logDistanceIn: number;
  /** log of the squared distance to the subspace (reconstruction error), relative to the profile's residual variance. */
  logDistanceOut: number;
  burstSize: number;
}

/** Scratch space for one scoring call; one per scorer, so scoring allocates nothing big. */
export class BurstScorer {
  private readonly mean: Float64Array;
  private readonly diff: Float64Array;

  constructor(
    readonly dim: number,
    private readonly cohort: Cohort,
  ) {
    this.mean = new Float64Array(dim);
    this.diff = new Float64Array(dim);
  }

  private n = 0;
  private norm = 1;
  private cohortMean = 0;
  private cohortSd = 1;

  /** Null when the burst holds no message with any text. */
  score(profile: WriteprintProfile, burst: readonly WriteprintVector[]): RawScores | null {
    return this.prepare(burst) ? this.against(profile) : null;
  }

  /**
   * Takes in a burst: its mean writeprint and how its cosine spreads over the cohort of background writers.
   * False when no message of the burst has any text. Scoring one burst against many profiles pays this once.
   */
  prepare(burst: readonly WriteprintVector[]): boolean {
    const d = this.dim;
    const m = this.mean;
    m.fill(0);
    let n = 0;
    for (const w of burst) {
      if (w.length === 0 || w.vector.length !== d) continue;
      n++;
      const v = w.vector;
      for (let c = 0; c < d; c++) m[c]! += v[c]!;
    }
    this.n = n;
    if (n === 0) return false;
    let norm = 0;
    for (let c = 0; c < d; c++) {
      m[c]! /= n;
      norm += (m[c] ?? 0) ** 2;
    }
    norm = Math.sqrt(norm) || 1e-12;
    this.norm = norm;
    const { mean: cm, variance: cv } = this.cohort;
    let cohortMean = 0, cohortVar = 0;
    for (let i = 0; i < d; i++) {
      const yi = m[i]! / norm;
      cohortMean += yi * cm[i]!;
      // ŷᵀ Σ ŷ with Σ diagonal: the spread of the burst's cosine over the cohort, without visiting each writer.
      cohortVar += yi * yi * cv[i]!;
    }
    this.cohortMean = cohortMean;
    this.cohortSd = Math.sqrt(Math.max(cohortVar, 1e-9));
    return true;
  }

  /** Scores the burst last prepared against one profile. */
  against(profile: WriteprintProfile): RawScores {
    const d = this.dim;
    const m = this.mean;
    const n = this.n;
    const u = profile.unitCentroid;
    let dot = 0;
    for (let i = 0; i < d; i++) dot += m[i]! * u[i]!;
    dot /= this.norm;
    const cohortZ = (dot - this.cohortMean) / this.cohortSd;
    const diff = this.diff;
    const centroid = profile.centroid;
    let total = 0;
    for (let c = 0; c < d; c++) {
      const x = m[c]! - centroid[c]!;
      diff[c] = x;
      total += x * x;
    }
    const k = profile.eigenvalues.length;
    const components = profile.components;
    let inside = 0, mahal = 0;
    for (let j = 0; j < k; j++) {
      let coord = 0;
      const off = j * d;
      for (let c = 0; c < d; c++) coord += components[off + c]! * diff[c]!;
      inside += coord * coord;
      mahal += (coord * coord) / (profile.eigenvalues[j] ?? 1);
    }
    // A mean of n messages from the profile's author varies n times less than one message: scale by n so
    // that the same author scores about 1 per dimension whatever the burst size.
    const logDistanceIn = k > 0 ? Math.log((n * mahal) / k + 1e-6) : 0;
    const logDistanceOut = Math.log((n * Math.max(total - inside, 0)) / (profile.residualVariance * (d - k)) + 1e-6);
    return { cosine: dot, cohortZ, logDistanceIn, logDistanceOut, burstSize: n };
  }
}

export interface Fusion {
  weights: number[];
  bias: number;
}

export function fusedScore(s: RawScores, f: Fusion): number {
  const t = (f.weights[0] ?? 0) * s.cohortZ + (f.weights[1] ?? 0) * s.logDistanceIn + (f.weights[2] ?? 0) * s.logDistanceOut + f.bias;
  return 1 / (1 + Math.exp(-t));
}
