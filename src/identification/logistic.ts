// Weighted logistic regression by Newton's method, for fusing a few scores into one calibrated probability.

export interface LogisticFit {
  weights: number[];
  bias: number;
}

/** Solves the small linear system A x = b (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i] || 1e-12));
}

/** x: rows of features; y: 0/1; w: sample weights. A little L2 keeps the fit finite on separable data. */
export function fitLogistic(x: ArrayLike<number>[], y: ArrayLike<number>, w: ArrayLike<number>, l2 = 1e-3, iterations = 25): LogisticFit {
  const p = (x[0]?.length ?? 0) + 1;
  let beta = new Array<number>(p).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(p).fill(0);
    const hess = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let t = beta[p - 1]!;
      for (let j = 0; j < p - 1; j++) t += beta[j]! * (xi[j] ?? 0);
      const mu = 1 / (1 + Math.exp(-t));
      const wi = w[i] ?? 1;
      const r = wi * ((y[i] ?? 0) - mu);
      const h = wi * mu * (1 - mu);
      for (let j = 0; j < p; j++) {
        const xj = j === p - 1 ? 1 : (xi[j] ?? 0);
        grad[j]! += r * xj;
        for (let k = 0; k <= j; k++) hess[j]![k]! += h * xj * (k === p - 1 ? 1 : (xi[k] ?? 0));
      }
    }
    for (let j = 0; j < p; j++) {
      for (let k = j + 1; k < p; k++) hess[j]![k] = hess[k]![j]!;
      if (j < p - 1) {
        grad[j]! -= l2 * beta[j]!;
        hess[j]![j]! += l2;
      }
    }
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b + (step[j] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { weights: beta.slice(0, p - 1), bias: beta[p - 1]! };
}
