// The detector's cached per-word scorer must give the margins of the sparse vector training uses.
import { describe, expect, it } from 'vitest';
import { FastScorer } from '../../src/detection/fast-scorer.js';
import { FeatureExtractor, type FeatureSpec } from '../../src/detection/features.js';
import { prng } from '../../src/core/prng.js';
import { WordTokenizer } from '../../src/detection/tokens.js';

describe('FastScorer', () => {
  it('equals the dot product of the sparse feature vector, for both heads', () => {
    const spec: FeatureSpec = { bits: 12, charMin: 2, charMax: 5, wordNgrams: 2, wordWeight: 1.3 };
    const rand = prng(7);
    const stride = 4;
    const table = new Float32Array((1 << spec.bits) * stride);
    for (let b = 0; b < 1 << spec.bits; b++) {
      table[b * stride] = rand() < 0.2 ? 0 : 1 + 5 * rand(); // some buckets unseen (idf 0)
      table[b * stride + 1] = rand() * 2 - 1;
      table[b * stride + 2] = rand() * 2 - 1;
    }
    const tokenizer = new WordTokenizer(new Map([['idiot', 3]]));
    const extractor = new FeatureExtractor(spec, { table, stride }, tokenizer);
    const scorer = new FastScorer(spec, table, stride, 0.25, -0.5);
    const texts = ['you are an idiot idiot idiot', '@USER @USER lol this is hahahaha funny URL', 'aaa  bbb\tccc\nddd', '', 'x', '😂😂 #HashTag ok', 'the the the'];
    for (const text of [...texts, ...texts]) {
      const doc = extractor.prepare(text);
      const v = extractor.extractPrepared(doc);
      let o = 0.25;
      let t = -0.5;
      for (let k = 0; k < v.n; k++) {
        o += (table[(v.idx[k] as number) * stride + 1] as number) * (v.val[k] as number);
        t += (table[(v.idx[k] as number) * stride + 2] as number) * (v.val[k] as number);
      }
      scorer.score(doc);
      expect(scorer.offensive, text).toBeCloseTo(o, 4);
      expect(scorer.targeted, text).toBeCloseTo(t, 4);
    }
  });
});
