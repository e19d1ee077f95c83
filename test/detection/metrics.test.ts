import { describe, expect, it } from 'vitest';
import { fitPlatt, applyPlatt } from '../../src/detection/calibration.js';
import { binaryScores, rocAuc } from '../../src/detection/metrics.js';

describe('metrics', () => {
  it('computes per-class F1 and their mean', () => {
    // tp=2 fp=1 fn=1 tn=4: F1+ = 2·2/(2·2+1+1) = 2/3, F1- = 2·4/(2·4+1+1) = 0.8.
    const s = binaryScores([true, true, true, false, false, false, false, false], [true, true, false, true, false, false, false, false]);
    expect(s.f1).toBeCloseTo(2 / 3, 12);
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 12);
  });

  it('ROC AUC: 1 when separated, 0 when reversed, 0.5 for all ties, with half credit for ties', () => {
    const y = [false, false, true, true];
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], y)).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], y)).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], y)).toBe(0.5);
    expect(rocAuc([0.1, 0.5, 0.5, 0.9], y)).toBe(0.875);
  });

  it('Platt scaling is monotone and lands near the empirical rates', () => {
    const margins: number[] = [];
    const positive: boolean[] = [];
    for (let i = 0; i < 1000; i++) {
      const m = (i / 1000) * 8 - 4;
      margins.push(m);
      positive.push(i % 10 < 10 / (1 + Math.exp(-2 * m))); // rate rises with m
    }
    const p = fitPlatt(margins, positive);
    expect(p.a).toBeGreaterThan(0);
    expect(applyPlatt(p, -4)).toBeLessThan(0.2);
    expect(applyPlatt(p, 4)).toBeGreaterThan(0.8);
  });
});
