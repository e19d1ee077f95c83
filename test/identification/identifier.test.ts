import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIdentifier } from '../../src/identification/identifier.js';
import { WriteprintProfile } from '../../src/identification/profile.js';
import { tempDir } from '../helpers/temp-dir.js';
import { OTHER_WRITER, STALKER_HISTORY, STALKER_NEW_ACCOUNT } from './fixtures.js';

const identifier = loadIdentifier();
const profile = identifier.buildProfile(STALKER_HISTORY);
const burstOf = (texts: string[]) => texts.map((t) => identifier.writeprint(t));

describe('writeprint identifier', () => {
  it('loads the shipped model with ordered thresholds and names it by content', () => {
    expect(identifier.modelId).toMatch(/^writeprint-[0-9a-f]{12}$/);
    expect(identifier.thresholds.r1).toBeLessThan(identifier.thresholds.r2);
  });

  it('scores a known harasser writing harmless words from a new account above a different writer', () => {
    const same = identifier.identify(profile, burstOf(STALKER_NEW_ACCOUNT));
    const other = identifier.identify(profile, burstOf(OTHER_WRITER));
    expect(same.score).toBeGreaterThan(other.score);
    expect(same.details.cohortZ).toBeGreaterThan(other.details.cohortZ ?? 0);
    expect(same.burstSize).toBe(5);
    expect(same.historySize).toBe(STALKER_HISTORY.length);
    expect(other.label).not.toBe('cyberstalking');
  });

  it('reports both PCA distances and the cohort score', () => {
    const r = identifier.identify(profile, burstOf(STALKER_NEW_ACCOUNT));
    for (const key of ['distanceIn', 'distanceOut', 'cohortZ', 'cosine', 'r1', 'r2']) expect(Number.isFinite(r.details[key])).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
  });

  it('labels by the thresholds', () => {
    for (const burst of [STALKER_NEW_ACCOUNT, OTHER_WRITER, STALKER_HISTORY.slice(0, 3)]) {
      const r = identifier.identify(profile, burstOf(burst));
      const expected = r.score >= identifier.thresholds.r2 ? 'cyberstalking' : r.score >= identifier.thresholds.r1 ? 'grey' : 'not';
      expect(r.label).toBe(expected);
    }
  });

  it('says not, score 0, without a profile, with an empty profile or an empty burst', () => {
    const burst = burstOf(STALKER_NEW_ACCOUNT);
    expect(identifier.identify(undefined, burst)).toMatchObject({ label: 'not', score: 0, historySize: 0 });
    expect(identifier.identify(identifier.buildProfile([]), burst)).toMatchObject({ label: 'not', score: 0 });
    expect(identifier.identify(identifier.buildProfile(['', '   ']), burst)).toMatchObject({ label: 'not', score: 0 });
    expect(identifier.identify(profile, [])).toMatchObject({ label: 'not', score: 0, burstSize: 0 });
    expect(identifier.identify(profile, burstOf(['', 'bob: ']))).toMatchObject({ label: 'not', score: 0 });
  });

  it('round-trips a profile through JSON with identical scores', () => {
    const copy = WriteprintProfile.fromJSON(JSON.parse(JSON.stringify(profile.toJSON())));
    expect(copy.size).toBe(profile.size);
    for (const burst of [STALKER_NEW_ACCOUNT, OTHER_WRITER]) {
      expect(identifier.identify(copy, burstOf(burst))).toEqual(identifier.identify(profile, burstOf(burst)));
    }
    expect(() => WriteprintProfile.fromJSON({ ...profile.toJSON(), centroid: [1, 2] })).toThrow(/inconsistent/);
  });

  it('fits profiles from a single message and from many', () => {
    const one = identifier.buildProfile(['just one message lol']);
    expect(one.size).toBe(1);
    expect(Number.isFinite(identifier.identify(one, burstOf(STALKER_NEW_ACCOUNT)).score)).toBe(true);
    const many = identifier.buildProfile(Array.from({ length: 300 }, (_, i) => `${STALKER_HISTORY[i % STALKER_HISTORY.length]} ${i}`));
    expect(many.size).toBe(300);
  });

  it('scores empty, huge, binary and malformed-Unicode messages without failing', () => {
    const bad = ['', 'x'.repeat(2_000_000), String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)), '\ud800\udc00\ud800 \udfff', '🤬'.repeat(5000)];
    const r = identifier.identify(profile, burstOf(bad));
    expect(Number.isFinite(r.score)).toBe(true);
    expect(r.burstSize).toBe(4);
  });

  it('refuses a model file that is not a writeprint model, with a clear message', () => {
    const dir = tempDir('wp');
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'something-else' }));
    expect(() => loadIdentifier(file)).toThrow(/unknown format/);
  });
});
