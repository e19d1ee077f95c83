import { describe, expect, it } from 'vitest';
import { eer, equalErrorPoint, rocAuc, thresholdAtFar } from '../../src/identification/metrics.js';

describe('verification metrics', () => {
  it('AUC is 1 for separated scores, 0.5 for ties, and counts ties half', () => {
    expect(rocAuc([3, 4], [1, 2])).toBe(1);
    expect(rocAuc([1, 2], [3, 4])).toBe(0);
    expect(rocAuc([1, 1], [1, 1])).toBe(0.5);
    expect(rocAuc([2, 1], [1, 0])).toBeCloseTo(0.875);
  });

  it('EER is 0 for separated scores and 0.5 for identical ones', () => {
    expect(eer([5, 6, 7], [1, 2, 3])).toBe(0);
    expect(eer([1, 1], [1, 1])).toBeCloseTo(0.5);
    const p = equalErrorPoint([0.2, 0.6, 0.7, 0.9], [0.1, 0.3, 0.4, 0.8]);
    expect(p.far).toBeCloseTo(p.frr);
  });

  it('a threshold at a false-accept rate lets through at most that share of impostors', () => {
    const impostor = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const genuine = [0.5, 0.995, 0.999];
    const p = thresholdAtFar(genuine, impostor, 0.01);
    expect(p.far).toBeLessThanOrEqual(0.01);
    expect(impostor.filter((s) => s >= p.threshold).length).toBeLessThanOrEqual(10);
    expect(p.frr).toBeCloseTo(1 / 3);
  });
});
