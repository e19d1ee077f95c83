import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, fitBackground, sparseRows } from '../../src/identification/background.js';
import { WriteprintIdentifier } from '../../src/identification/identifier.js';
import { MODEL_FORMAT, readModel, saveModel } from '../../src/identification/model-file.js';
import { RawFeaturizer, rawDim } from '../../src/identification/raw-features.js';
import { tempDir } from '../helpers/temp-dir.js';

// Eight synthetic writers, each with a habit of their own, all writing about the same things.
const TOPICS = ['the bus was late', 'dinner is at eight', 'the match starts soon', 'my phone died', 'it might rain', 'the shop is closed'];
const HABITS: Array<(s: string) => string> = [
  (s) => `${s[0]!.toUpperCase()}${s.slice(1)}.`,
  (s) => `${s} lol`,
  (s) => `${s.toUpperCase()}!!!`,
  (s) => `${s}... :)`,
  (s) => `well, ${s} ?`,
  (s) => s.replace(/o/g, 'ooo'),
  (s) => `${s} 😀`,
  (s) => `i think ${s} tbh`,
];
const writers = HABITS.map((h) => Array.from({ length: 24 }, (_, i) => h(`${TOPICS[i % TOPICS.length]} ${['today', 'again', 'now', 'though'][i % 4]}`)));

describe('background fit (LDA, cohort, model file)', () => {
  const featurizer = new RawFeaturizer(DEFAULT_LAYOUT);
  const { params } = fitBackground(writers.slice(0, 6).map((w) => sparseRows(featurizer, w)), { outDim: 5 });

  it('produces a finite projection, a non-negative cohort variance and a positive within-author variance', () => {
    expect(params.projection.outDim).toBe(5);
    expect(params.projection.matrix.every(Number.isFinite)).toBe(true);
    expect(params.cohort.variance.every((v) => v >= 0)).toBe(true);
    expect(params.withinVariance).toBeGreaterThan(0);
  });

  it('saves and reads back the same model, and an identifier built on it tells writers apart', () => {
    const file = path.join(tempDir('bg'), 'wp.json');
    saveModel(
      {
        format: MODEL_FORMAT,
        ...params,
        cohort: { authors: 6, ...params.cohort },
        fusion: { weights: [1, 0, 0], bias: 0 },
        thresholds: { r1: 0.6, r2: 0.9 },
        provenance: {},
      },
      file,
    );
    const { model, id } = readModel(file, rawDim);
    expect(id).toMatch(/^writeprint-/);
    expect(Array.from(model.projection.matrix)).toEqual(Array.from(params.projection.matrix));
    const identifier = new WriteprintIdentifier(model, id);
    // Writers 6 and 7 were not in the background: unseen people, as a harasser would be.
    for (const known of [6, 7]) {
      const profile = identifier.buildProfile(writers[known]!.slice(0, 12));
      const own = identifier.identify(profile, writers[known]!.slice(12, 17).map((t) => identifier.writeprint(t)));
      const other = identifier.identify(profile, writers[13 - known]!.slice(12, 17).map((t) => identifier.writeprint(t)));
      expect(own.score).toBeGreaterThan(other.score);
    }
  });
});
