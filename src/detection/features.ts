// Hashed sparse features of one message: word 1-2-grams (stemmed, stop-words removed), lexicon levels,
// and character n-grams inside each word (scikit-learn's char_wb). Each group is tf × idf divided by
// sqrt(Σ idf² over the group's occurrences), which is the L2 norm whenever no feature repeats; unlike
// the exact norm it is a sum over words, so the detector can cache each word's contribution
// (fast-scorer.ts) and score a message without building this vector. This sparse form is what training
// and explanations use. Counts go through a small open-addressing table that stays in L1 cache.
import { FNV_OFFSET, fnvStep, mix, pair } from './hash.js';
import { normalise } from './normalise.js';
import type { WordEntry, WordToken, WordTokenizer } from './tokens.js';

export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  bits: number;
  charMin: number;
  charMax: number;
  /** 1 = word unigrams only, 2 = unigrams and bigrams. */
  wordNgrams: number;
  /** Relative weight of the word group against the character group (each is unit length first). */
  wordWeight: number;
}

export const CHAR_SEED = FNV_OFFSET;
export const LEX_SEED = 0x6a09e667;

/** A text after normalisation and tokenisation: what features are computed from. */
export interface PreparedText {
  normalised: string;
  /** Written words, in order (for character n-grams). */
  words: WordEntry[];
  /** Word tokens, in order, stop-words removed. */
  tokens: WordToken[];
  /** The tokenizer's cache generation the words' and tokens' ids belong to. */
  generation: number;
}

/** A sparse vector view into the extractor's buffers; valid until the next `extract` call. */
export interface SparseView {
  n: number;
  idx: Int32Array;
  val: Float32Array;
}

/** Where idf values live: `table[bucket * stride]` (the detector interleaves idf with the weights). */
export interface IdfTable {
  table: Float32Array;
  stride: number;
}

export class FeatureExtractor {
  readonly mask: number;
  private readonly out: SparseView = { n: 0, idx: new Int32Array(1024), val: new Float32Array(1024) };
  // Per-message counting table: slot keys (-1 = empty), counts, and the position of each key in `out`.
  private keys = new Int32Array(2048).fill(-1);
  private counts = new Float32Array(2048);
  private slots = new Int32Array(1024);
  private groupStart = 0;
  private norm2 = 0;

  /** `idf` null gives raw counts (used to count document frequencies while training). */
  constructor(
    readonly spec: FeatureSpec,
    private readonly idf: IdfTable | null,
    readonly tokenizer: WordTokenizer,
  ) {
    this.mask = (1 << spec.bits) - 1;
  }

  prepare(text: string): PreparedText {
    const normalised = normalise(text);
    return { normalised, ...this.tokenizer.tokenise(normalised) };
  }

  /** `prepare` into a caller's PreparedText, reusing its arrays: valid until the next call with it. */
  prepareInto(text: string, into: PreparedText): PreparedText {
    into.normalised = normalise(text);
    return this.tokenizer.tokeniseInto(into.normalised, into);
  }

  extract(text: string): SparseView {
    return this.extractPrepared(this.prepare(text));
  }

  extractPrepared({ normalised, tokens }: PreparedText): SparseView {
    this.out.n = 0;
    this.groupStart = 0;
    this.norm2 = 0;
    let prev = 0;
    const bigrams = this.spec.wordNgrams > 1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as WordToken;
      this.add(mix(t.hash));
      if (bigrams && i > 0) this.add(mix(pair(prev, t.hash)));
      if (t.lex > 0) this.add(mix(LEX_SEED + t.lex));
      prev = t.hash;
    }
    this.endGroup(this.spec.wordWeight);
    this.groupStart = this.out.n;
    this.norm2 = 0;
    this.charGrams(normalised);
    this.endGroup(1);
    return this.out;
  }

  /** Character n-grams of each whitespace-separated word, padded with a space on both sides. */
  private charGrams(s: string): void {
    const { charMin, charMax } = this.spec;
    const len = s.length;
    let start = 0;
    while (start < len) {
      while (start < len && s.charCodeAt(start) <= 32) start++;
      if (start >= len) break;
      let end = start;
      while (end < len && s.charCodeAt(end) > 32) end++;
      const wlen = end - start + 2; // padded: positions 0 and wlen - 1 are the spaces
      for (let i = 0; i < wlen; i++) {
        let h = CHAR_SEED;
        const stop = Math.min(wlen, i + charMax);
        for (let j = i; j < stop; j++) {
          h = fnvStep(h, j === 0 || j === wlen - 1 ? 32 : s.charCodeAt(start + j - 1));
          if (j - i + 1 >= charMin) this.add(mix(h));
        }
      }
      start = end;
    }
  }

  private add(hash: number): void {
    const b = hash & this.mask;
    if (this.idf) {
      const w = this.idf.table[b * this.idf.stride] as number;
      this.norm2 += w * w;
    }
    const keys = this.keys;
    const cap = keys.length - 1;
    let slot = Math.imul(b, 0x9e3779b1) & cap;
    for (;;) {
      const k = keys[slot] as number;
      if (k === b) {
        this.counts[slot]! += 1;
        return;
      }
      if (k === -1) break;
      slot = (slot + 1) & cap;
    }
    const o = this.out;
    if (o.n === o.idx.length) this.grow();
    keys[slot] = b;
    this.counts[slot] = 1;
    this.slots[o.n] = slot;
    o.idx[o.n++] = b;
    // Keep the table at most half full: rehash into a larger one (only long texts get here).
    if ((o.n - this.groupStart) * 2 > cap) this.rehash();
  }

  private grow(): void {
    const size = this.out.idx.length * 2;
    const idx = new Int32Array(size);
    idx.set(this.out.idx);
    const val = new Float32Array(size);
    val.set(this.out.val);
    const slots = new Int32Array(size);
    slots.set(this.slots);
    this.out.idx = idx;
    this.out.val = val;
    this.slots = slots;
  }

  private rehash(): void {
    const keys = new Int32Array(this.keys.length * 2).fill(-1);
    const counts = new Float32Array(keys.length);
    const cap = keys.length - 1;
    for (let k = this.groupStart; k < this.out.n; k++) {
      const b = this.out.idx[k] as number;
      let slot = Math.imul(b, 0x9e3779b1) & cap;
      while (keys[slot] !== -1) slot = (slot + 1) & cap;
      keys[slot] = b;
      counts[slot] = this.counts[this.slots[k] as number] as number;
      this.slots[k] = slot;
    }
    this.keys = keys;
    this.counts = counts;
  }

  /** Turns the group's counts into tf × idf × weight / sqrt(Σ idf²), and empties the table. */
  private endGroup(weight: number): void {
    const { idx, val } = this.out;
    const idf = this.idf;
    const scale = idf && this.norm2 > 0 ? weight / Math.sqrt(this.norm2) : 1;
    for (let k = this.groupStart; k < this.out.n; k++) {
      const slot = this.slots[k] as number;
      this.keys[slot] = -1;
      const c = this.counts[slot] as number;
      val[k] = idf ? c * (idf.table[(idx[k] as number) * idf.stride] as number) * scale : c;
    }
  }
}
