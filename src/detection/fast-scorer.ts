// Scores a prepared text under both heads without building its feature vector: each group's dot
// product and normaliser are sums over words (features.ts), so a word's contribution is computed once
// and cached (unigrams on the word token, character n-grams per written word). A message then costs a
// cache lookup per word plus a table read per bigram. Equal to the sparse path up to float rounding
// (test/detection/fast-scorer.test.ts).
import { CHAR_SEED, LEX_SEED, type FeatureSpec, type PreparedText } from './features.js';
import { fnvStep, mix, pair } from './hash.js';
import { STOP_WORDS } from './natural-nlp.js';
import type { WordEntry, WordStats, WordToken } from './tokens.js';
import { StatsCache } from './stats-cache.js';
import type { BucketTable } from './bucket-table.js';

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function addCredit(credit: Map<string, number>, name: string, c: number): void {
  credit.set(name, (credit.get(name) ?? 0) + c);
}

function nameOf(entry: [string, number]): string {
  return entry[0];
}

function byCreditDescending(a: [string, number], b: [string, number]): number {
  return b[1] - a[1];
}

export class FastScorer {
  /** Margins of the last `score` call. */
  offensive = 0;
  targeted = 0;
  private wordScale = 0;
  private charScale = 0;
  private readonly mask: number;
  /** Each token's unigram contribution and each written word's character n-gram contribution, by id. */
  private readonly tokenStats = new StatsCache();
  private readonly charStatsCache = new StatsCache();
  private readonly scratch: WordStats = { o: 0, t: 0, n: 0 };

  private readonly values: Float32Array;

  /** `table` holds idf, offensive weight, targeted weight per bucket (model-file.ts). */
  constructor(
    private readonly spec: FeatureSpec,
    private readonly table: BucketTable,
    private readonly biasOffensive: number,
    private readonly biasTargeted: number,
  ) {
    this.mask = (1 << spec.bits) - 1;
    this.values = table.values;
  }

  score(doc: PreparedText): void {
    const table = this.values;
    const buckets = this.table;
    let o = 0;
    let t = 0;
    let n = 0;
    let prev = 0;
    const tokens = doc.tokens;
    const bigrams = this.spec.wordNgrams > 1;
    this.tokenStats.startGeneration(doc.generation);
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] as WordToken;
      const at = 3 * this.tokenSlot(tok);
      const tv = this.tokenStats.values; // after tokenSlot, which may have grown it
      o += tv[at]!;
      t += tv[at + 1]!;
      n += tv[at + 2]!;
      if (bigrams && i > 0) {
        const at = buckets.row(mix(pair(prev, tok.hash)) & this.mask);
        const idf = table[at] as number;
        o += (table[at + 1] as number) * idf;
        t += (table[at + 2] as number) * idf;
        n += idf * idf;
      }
      if (tok.lex > 0) {
        const at = buckets.row(mix(LEX_SEED + tok.lex) & this.mask);
        const idf = table[at] as number;
        o += (table[at + 1] as number) * idf;
        t += (table[at + 2] as number) * idf;
        n += idf * idf;
      }
      prev = tok.hash;
    }
    const wordScale = n > 0 ? this.spec.wordWeight / Math.sqrt(n) : 0;
    this.wordScale = wordScale;
    let co = 0;
    let ct = 0;
    let cn = 0;
    const words = doc.words;
    this.charStatsCache.startGeneration(doc.generation);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as WordEntry;
      const at = 3 * this.wordSlot(w);
      const cv = this.charStatsCache.values;
      co += cv[at]!;
      ct += cv[at + 1]!;
      cn += cv[at + 2]!;
    }
    const charScale = cn > 0 ? 1 / Math.sqrt(cn) : 0;
    this.charScale = charScale;
    this.offensive = this.biasOffensive + o * wordScale + co * charScale;
    this.targeted = this.biasTargeted + t * wordScale + ct * charScale;
  }

  /**
   * The terms that raised the offensive margin most in the last scored text: words (their unigram plus
   * the character n-grams of the written word), bigrams and lexicon levels. Call right after `score`.
   */
  explain(doc: PreparedText, limit = 5): string[] {
    // Only terms that raised the margin are named, so most features cost a multiply and a comparison.
    const credit = new Map<string, number>();
    const tokens = doc.tokens;
    const bigrams = this.spec.wordNgrams > 1;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] as WordToken;
      const c = this.tokenStats.values[3 * this.tokenSlot(tok)]! * this.wordScale;
      if (c > 0) addCredit(credit, tok.word, c);
      if (i > 0 && bigrams) {
        const prev = tokens[i - 1] as WordToken;
        const b = this.weightOf(mix(pair(prev.hash, tok.hash)));
        if (b > 0) addCredit(credit, `${prev.word} ${tok.word}`, b);
      }
      if (tok.lex > 0) {
        const l = this.weightOf(mix(LEX_SEED + tok.lex));
        if (l > 0) addCredit(credit, `lexicon:-${tok.lex}`, l);
      }
    }
    for (const w of doc.words) {
      const c = this.charStatsCache.values[3 * this.wordSlot(w)]! * this.charScale;
      if (c > 0) {
        const name = w.word.replace(EDGE_PUNCTUATION, '');
        if (name.length > 0 && !STOP_WORDS.has(name)) addCredit(credit, name, c);
      }
    }
    return [...credit.entries()].sort(byCreditDescending).slice(0, limit).map(nameOf);
  }

  /** A feature's offensive weight × idf, scaled like the word group. */
  private weightOf(hash: number): number {
    const at = this.table.row(hash & this.mask);
    return (this.values[at + 1] as number) * (this.values[at] as number) * this.wordScale;
  }

  /** The token's slot in tokenStats, filled first if need be. */
  private tokenSlot(tok: WordToken): number {
    const cache = this.tokenStats;
    const slot = cache.slotOf(tok.id);
    if (!cache.has(slot)) {
      const s = this.scratch;
      s.o = 0;
      s.t = 0;
      s.n = 0;
      this.bucketStats(mix(tok.hash), s);
      cache.put(slot, s.o, s.t, s.n);
    }
    return slot;
  }

  /** The written word's slot in charStatsCache, filled first if need be. */
  private wordSlot(w: WordEntry): number {
    const cache = this.charStatsCache;
    const slot = cache.slotOf(w.id);
    if (!cache.has(slot)) {
      const s = this.charStats(w.word);
      cache.put(slot, s.o, s.t, s.n);
    }
    return slot;
  }

  private bucketStats(hash: number, into: WordStats): WordStats {
    const at = this.table.row(hash & this.mask);
    const values = this.values;
    const idf = values[at] as number;
    into.o += (values[at + 1] as number) * idf;
    into.t += (values[at + 2] as number) * idf;
    into.n += idf * idf;
    return into;
  }

  private charStats(word: string): WordStats {
    const { charMin, charMax } = this.spec;
    const stats = this.scratch;
    stats.o = 0;
    stats.t = 0;
    stats.n = 0;
    const wlen = word.length + 2; // padded with a space on both sides
    for (let i = 0; i < wlen; i++) {
      let h = CHAR_SEED;
      const stop = Math.min(wlen, i + charMax);
      for (let j = i; j < stop; j++) {
        h = fnvStep(h, j === 0 || j === wlen - 1 ? 32 : word.charCodeAt(j - 1));
        if (j - i + 1 >= charMin) this.bucketStats(mix(h), stats);
      }
    }
    return stats;
  }
}
