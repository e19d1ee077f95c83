// Behaviour of the shipped model (models/detector.bin) on sentences whose verdict is not in doubt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_FILE, loadDetector } from '../../src/detection/detector.js';

const detector = loadDetector();

describe('shipped detector', () => {
  it('flags insults and threats aimed at a person as cyberstalking, with the terms that did it', () => {
    for (const text of ['you are a worthless piece of shit, kill yourself', 'shut up you stupid idiot', 'go kill yourself loser', 'she is a dumb whore and everyone knows it']) {
      const r = detector.detect(text);
      expect(r.label, text).toBe('cyberstalking');
      expect(r.score, text).toBeGreaterThan(0.8);
      expect(r.topFeatures.length, text).toBeGreaterThan(0);
    }
    expect(detector.detect('shut up you stupid idiot').topFeatures).toEqual(expect.arrayContaining(['idiot']));
  });

  it('leaves neutral messages clean', () => {
    for (const text of ['Have a lovely day, see you at the meeting tomorrow', 'what time does the train leave?', 'thanks for the birthday wishes everyone', 'I made pasta for dinner', '']) {
      const r = detector.detect(text);
      expect(r.label, text).toBe('not');
      expect(r.score, text).toBeLessThan(0.3);
      expect(r.topFeatures).toEqual([]);
    }
  });

  it('does not call untargeted profanity cyberstalking', () => {
    for (const text of ['this damn bus is late again', 'fuck this weather', 'holy shit this concert is amazing']) {
      expect(detector.detect(text).label, text).not.toBe('cyberstalking');
    }
  });

  it('returns calibrated scores in 0..1 and a model id naming the file content', () => {
    const r = detector.detect('you are an idiot');
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.targetedScore).toBeGreaterThanOrEqual(0);
    expect(r.targetedScore).toBeLessThanOrEqual(1);
    expect(detector.modelId).toMatch(/^acts-detector-[a-z-]+@[0-9a-f]{12}$/);
    expect(readFileSync(DEFAULT_MODEL_FILE).length).toBeLessThan(4 * 1024 * 1024);
  });

  it('is deterministic: same text, same result, across calls and across loads', () => {
    const texts = ['you are an idiot', 'lovely weather', 'this damn bus is late again', '@USER URL #MAGA 😂😂'];
    const first = texts.map((t) => JSON.stringify(detector.detect(t)));
    const other = loadDetector();
    expect(texts.map((t) => JSON.stringify(detector.detect(t)))).toEqual(first);
    expect(texts.map((t) => JSON.stringify(other.detect(t)))).toEqual(first);
    expect(other.modelId).toBe(detector.modelId);
  });

  it('copes with huge, binary and malformed-Unicode text', () => {
    const huge = 'you idiot '.repeat(20_000) + 'x'.repeat(200_000);
    expect(detector.detect(huge).label).toBe('cyberstalking');
    for (const text of ['\u0000\u0001\u0002\u00ff', '\ud800\udc00\ud800 x \udfff', '\u202e\u200b'.repeat(1000), 'a'.repeat(300_000)]) {
      const r = detector.detect(text);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });
});
