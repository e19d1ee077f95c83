// The detector's cached per-word scorer must give the margins of the sparse vector training uses.
import { describe, expect, it } from 'vitest';
import { BucketTable } from '../../src/detection/bucket-table.js';
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
    const scorer = new FastScorer(spec, BucketTable.fromDense(table, stride), 0.25, -0.5);
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

describe('FastScorer caches across tokenizer generations', () => {
  it('scores every text the same whether its words were cached, evicted or never cached', () => {
    const spec: FeatureSpec = { bits: 10, charMin: 2, charMax: 4, wordNgrams: 2, wordWeight: 0.9 };
    const rand = prng(11);
    const stride = 3;
    const table = new Float32Array((1 << spec.bits) * stride);
    for (let i = 0; i < table.length; i++) table[i] = rand() * 2 - 1;
    const texts = Array.from({ length: 60 }, (_, i) => `word${i % 17} other${i % 5} you idiot ${'z'.repeat(70 + (i % 3))} w${i}`);
    const margins = (cacheLimit: number): number[] => {
      const tokenizer = new WordTokenizer(new Map([['idiot', 2]]), new Set(), cacheLimit);
      const extractor = new FeatureExtractor(spec, { table, stride }, tokenizer);
      const scorer = new FastScorer(spec, BucketTable.fromDense(table, stride), 0.1, 0.2);
      const out: number[] = [];
      for (const text of [...texts, ...texts]) {
        const doc = extractor.prepare(text);
        scorer.score(doc);
        out.push(scorer.offensive, scorer.targeted, ...scorer.explain(doc).map((name) => name.length));
      }
      return out;
    };
    // A limit of 4 empties the caches every message or two; 1e6 never does.
    expect(margins(4)).toEqual(margins(1_000_000));
  });

  it('caches a written word from its second sighting on, numbered, and never a long one', () => {
    const tokenizer = new WordTokenizer(new Map());
    const a = tokenizer.tokenise('idiot idiot idiot');
    expect(a.words[0]!.id).toBe(-1); // seen once: not cached
    expect(a.words[1]!.id).toBeGreaterThanOrEqual(0);
    expect(a.words[2]).toBe(a.words[1]);
    expect(a.words.map((w) => w.word)).toEqual(['idiot', 'idiot', 'idiot']);
    expect(a.tokens[0]).toBe(a.tokens[1]); // the token itself is cached at once
    const long = 'x'.repeat(100);
    tokenizer.tokenise(long);
    const again = tokenizer.tokenise(long);
    expect(again.words[0]!.id).toBe(-1);
    expect(again.tokens[0]!.id).toBe(-1);
  });
});

describe('StatsCache', () => {
  it('keeps values per id, grows, never keeps the scratch slot, and forgets on a new generation', async () => {
    const { StatsCache } = await import('../../src/detection/stats-cache.js');
    const cache = new StatsCache();
    cache.startGeneration(0);
    const far = cache.slotOf(5000);
    cache.put(far, 1, 2, 3);
    const near = cache.slotOf(3);
    cache.put(near, 4, 5, 6);
    expect(cache.has(far) && cache.has(near)).toBe(true);
    expect(Array.from(cache.values.subarray(3 * far, 3 * far + 3))).toEqual([1, 2, 3]);
    expect(Array.from(cache.values.subarray(3 * near, 3 * near + 3))).toEqual([4, 5, 6]);
    const scratch = cache.slotOf(-1);
    cache.put(scratch, 7, 8, 9);
    expect(cache.has(scratch)).toBe(false);
    cache.startGeneration(0);
    expect(cache.has(far)).toBe(true);
    cache.startGeneration(1);
    expect(cache.has(far) || cache.has(near)).toBe(false);
  });
});

describe('reusing a PreparedText', () => {
  it('prepares into the same object exactly what a fresh prepare gives, text after text', () => {
    const extractor = new FeatureExtractor({ bits: 10, charMin: 2, charMax: 4, wordNgrams: 2, wordWeight: 1 }, null, new WordTokenizer(new Map()));
    const reused = { normalised: '', words: [], tokens: [], generation: -1 };
    for (const text of ['you are an idiot and a half', '', 'ok', '@USER lol URL #HashTag', 'x']) {
      const fresh = extractor.prepare(text);
      const into = extractor.prepareInto(text, reused);
      expect(into).toBe(reused);
      expect(into.normalised).toBe(fresh.normalised);
      // Ids may differ (a word is cached from its second sighting on); what the words are may not.
      expect(into.words.map((w) => [w.word, w.tokens.map((t) => t.stem)])).toEqual(fresh.words.map((w) => [w.word, w.tokens.map((t) => t.stem)]));
      expect(into.tokens.map((t) => [t.word, t.stem, t.hash, t.lex, t.address, t.person])).toEqual(fresh.tokens.map((t) => [t.word, t.stem, t.hash, t.lex, t.address, t.person]));
      expect(into.generation).toBe(fresh.generation);
    }
  });
});
