// Fits the background projection: linear discriminant analysis over the raw writeprint features of many
// background authors, so that inside the projected space messages of one author lie close together and
// different authors lie apart (the role LDA plays for i-vectors in speaker verification). Eigen
// decompositions use ml-pca on scatter matrices (its covariance-matrix mode is a symmetric eigen solver).
import { PCA } from 'ml-pca';

export interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
}

export interface LdaInput {
  dim: number;
  /** Rows grouped by author: rows[a] are author a's messages. */
  authors: SparseRow[][];
  /** Output dimensions (at most authors - 1). */
  outDim: number;
  /** Shrinkage of the within-author scatter towards its mean diagonal, for stability. */
  shrinkage: number;
}

export interface Projection {
  /** Raw-space mean of the background messages. */
  mean: Float32Array;
  /** dim × outDim, row-major by raw feature, so a sparse row projects with one pass over its entries. */
  matrix: Float32Array;
  outDim: number;
}

function symmetricEigen(m: Float64Array[], n: number): { vectors: (i: number, j: number) => number; values: number[] } {
  const rows: number[][] = m.map((r) => Array.from(r.subarray(0, n)));
  const pca = new PCA(rows, { isCovarianceMatrix: true });
  const v = pca.getEigenvectors();
  return { vectors: (i, j) => v.get(i, j), values: pca.getEigenvalues() };
}

export function fitLda({ dim, authors, outDim, shrinkage }: LdaInput): Projection {
  const D = dim;
  let N = 0;
  const mu = new Float64Array(D);
  const means = authors.map((rows) => {
    const m = new Float64Array(D);
    for (const r of rows) for (let j = 0; j < r.indices.length; j++) m[r.indices[j] ?? 0]! += r.values[j] ?? 0;
    for (let i = 0; i < D; i++) {
      mu[i]! += m[i] ?? 0;
      m[i]! /= Math.max(1, rows.length);
    }
    N += rows.length;
    return m;
  });
  for (let i = 0; i < D; i++) mu[i]! /= N;
  // Within-author scatter = Σ x xᵀ − Σ_a n_a m_a m_aᵀ; the first sum over sparse rows is cheap.
  const sw = Array.from({ length: D }, () => new Float64Array(D));
  for (const rows of authors) {
    for (const r of rows) {
      const { indices, values } = r;
      for (let p = 0; p < indices.length; p++) {
        const row = sw[indices[p] ?? 0]!;
        const x = values[p] ?? 0;
        for (let q = 0; q < indices.length; q++) row[indices[q] ?? 0]! += x * (values[q] ?? 0);
      }
    }
  }
  authors.forEach((rows, a) => {
    const m = means[a]!;
    for (let i = 0; i < D; i++) {
      const xi = (m[i] ?? 0) * rows.length;
      if (xi === 0) continue;
      const row = sw[i]!;
      for (let j = 0; j < D; j++) row[j]! -= xi * (m[j] ?? 0);
    }
  });
  let trace = 0;
  for (let i = 0; i < D; i++) trace += sw[i]![i]! / N;
  for (let i = 0; i < D; i++) {
    const row = sw[i]!;
    for (let j = 0; j < D; j++) row[j]! /= N;
    row[i]! += shrinkage * (trace / D) + 1e-12;
  }
  // Whiten the within-author scatter: W = V Λ^-1/2.
  const e1 = symmetricEigen(sw, D);
  const w = new Float64Array(D * D);
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) w[i * D + j] = e1.vectors(i, j) / Math.sqrt(Math.max(e1.values[j] ?? 0, 1e-12));
  // Whitened, size-weighted author means Z (C × D); the between-author directions are Zᵀ's leading
  // singular vectors, found from the small C × C Gram matrix instead of a D × D problem.
  const C = authors.length;
  const z = means.map((m, a) => {
    const diff = new Float64Array(D);
    for (let i = 0; i < D; i++) diff[i] = (m[i] ?? 0) - (mu[i] ?? 0);
    const out = new Float64Array(D);
    const s = Math.sqrt(authors[a]!.length / N);
    for (let i = 0; i < D; i++) {
      const di = diff[i] ?? 0;
      if (di === 0) continue;
      const off = i * D;
      for (let j = 0; j < D; j++) out[j]! += di * (w[off + j] ?? 0);
    }
    for (let j = 0; j < D; j++) out[j]! *= s;
    return out;
  });
  const gram = Array.from({ length: C }, () => new Float64Array(C));
  for (let a = 0; a < C; a++) {
    for (let b = a; b < C; b++) {
      let s = 0;
      const za = z[a]!, zb = z[b]!;
      for (let j = 0; j < D; j++) s += (za[j] ?? 0) * (zb[j] ?? 0);
      gram[a]![b] = s;
      gram[b]![a] = s;
    }
  }
  const e2 = symmetricEigen(gram, C);
  const k = Math.min(outDim, C - 1);
  // u_c = Zᵀ v_c / √λ_c (unit vectors in whitened space); the projection is W u_c.
  const u = new Float64Array(D * k);
  for (let c = 0; c < k; c++) {
    const lambda = Math.max(e2.values[c] ?? 0, 1e-12);
    for (let a = 0; a < C; a++) {
      const coef = e2.vectors(a, c) / Math.sqrt(lambda);
      const za = z[a]!;
      for (let j = 0; j < D; j++) u[j * k + c]! += coef * (za[j] ?? 0);
    }
  }
  const matrix = new Float32Array(D * k);
  for (let i = 0; i < D; i++) {
    const off = i * D;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += (w[off + j] ?? 0) * (u[j * k + c] ?? 0);
      matrix[i * k + c] = s;
    }
  }
  return { mean: Float32Array.from(mu), matrix, outDim: k };
}
