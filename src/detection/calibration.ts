// Platt scaling: turns a head's margin into a probability, p = 1 / (1 + exp(-(a·m + b))), with a and b
// fitted by Newton's method on out-of-fold margins (Platt 1999, with his smoothed targets).

export interface Platt {
  a: number;
  b: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function applyPlatt(p: Platt, margin: number): number {
  return sigmoid(p.a * margin + p.b);
}

export function fitPlatt(margins: ArrayLike<number>, positive: ArrayLike<boolean>): Platt {
  let nPos = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i]) nPos++;
  const nNeg = positive.length - nPos;
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < margins.length; i++) {
      const m = margins[i] as number;
      const p = sigmoid(a * m + b);
      const d = p - (positive[i] ? hi : lo);
      const w = p * (1 - p);
      ga += d * m;
      gb += d;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}
