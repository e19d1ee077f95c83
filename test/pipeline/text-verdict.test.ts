import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/personalisation/dictionary.js';
import { dictionaryMatcher } from '../../src/personalisation/personalise.js';
import { createTextClassifier } from '../../src/pipeline/text-verdict.js';
import { MarkerDetector } from '../helpers/module-doubles.js';

const classify = createTextClassifier(new MarkerDetector(), dictionaryMatcher(loadDictionary()));

describe('acts classify verdicts: β through the aggregator with the shipped dictionary', () => {
  it('follows β when the dictionary finds nothing', () => {
    expect(classify('THREAT')).toEqual({ verdict: 'cyberstalking', score: 0.9 });
    expect(classify('maybe rude').verdict).toBe('grey');
    expect(classify('lunch at noon').verdict).toBe('clean');
  });

  it('makes a dictionary match alone grey, and a dictionary match with a grey β cyberstalking', () => {
    const alone = classify('i know where you live');
    expect(alone.verdict).toBe('grey');
    expect(alone.score).toBeGreaterThan(classify('lunch at noon').score);
    expect(classify('maybe i know where you live').verdict).toBe('cyberstalking');
  });
});
