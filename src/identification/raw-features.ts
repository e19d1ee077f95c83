// The raw writeprint of one message: hashed character n-grams, function-word and abbreviation rates, and
// the style block, as a sparse vector over a fixed layout. Buffers are reused: extraction allocates
// nothing big per call, because it runs once for every message the bot sees.
import { prepareText } from './text-prep.js';
import { STYLE_DIM, STYLE_NAMES, styleInto, type StyleName } from './style.js';
import { ABBREVIATIONS, FUNCTION_WORDS } from './vocabulary.js';

export interface FeatureLayout {
  /** Hash buckets for character n-grams (a power of two). */
  buckets: number;
  /** Character n-grams of length 1..maxN. */
  maxN: number;
  stripAddressee: boolean;
}

export const WORDS: readonly string[] = [...new Set([...FUNCTION_WORDS, ...ABBREVIATIONS])];
const WORD_INDEX = new Map(WORDS.map((w, i) => [w, i]));
const WORD_RE = /[\p{L}\p{N}']+/gu;

export function rawDim(layout: FeatureLayout): number {
  return layout.buckets + WORDS.length + STYLE_DIM;
}

/** A sparse raw vector; views into the featurizer's buffers, valid until its next call. */
export interface SparseView {
  indices: Int32Array;
  values: Float32Array;
  nnz: number;
  /** Length of the prepared text (UTF-16 units). */
  length: number;
}

/** The hash bucket of a character n-gram's rolling hash. */
function gramBucket(hash: number, mask: number): number {
  let h = hash;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & mask;
}

/** Counts one occurrence of bucket `b`, listing it in `touched` the first time; returns the new count of listed buckets. */
function countBucket(dense: Float32Array, touched: Int32Array, nnz: number, b: number): number {
  if (dense[b] === 0) touched[nnz++] = b;
  dense[b]! += 1;
  return nnz;
}

export class RawFeaturizer {
  readonly dim: number;
  private readonly dense: Float32Array;
  private readonly touched: Int32Array;
  private readonly values: Float32Array;
  private readonly style = new Float32Array(STYLE_DIM);
  private readonly mask: number;

  constructor(readonly layout: FeatureLayout) {
    if ((layout.buckets & (layout.buckets - 1)) !== 0) throw new Error('buckets must be a power of two');
    this.dim = rawDim(layout);
    this.dense = new Float32Array(this.dim);
    this.touched = new Int32Array(this.dim);
    this.values = new Float32Array(this.dim);
    this.mask = layout.buckets - 1;
    if (!(layout.maxN >= 1 && layout.maxN <= 3)) throw new Error('character n-grams of length 1 to 3 only');
  }

  extract(text: string): SparseView {
    const t = prepareText(text, this.layout);
    const { dense, touched, mask } = this;
    const maxN = this.layout.maxN;
    let nnz = 0;
    // Character n-grams over the text padded with a space, so word starts and ends are seen at the edges.
    // Digits fold to '0': version numbers and sizes are topic, the habit of writing numbers is not.
    const len = t.length + 2;
    let grams = 0;
    // Rolling hashes of the 1-, 2- and 3-gram ending at each position (counted by a plain function: a
    // closure made per message costs a wrapper call under tsx).
    let prev1 = 0, prev2 = 0;
    for (let i = 0; i < len; i++) {
      let c = i === 0 || i === len - 1 ? 32 : t.charCodeAt(i - 1);
      if (c >= 48 && c <= 57) c = 48;
      else if (c === 10 || c === 9) c = 32;
      const h1 = Math.imul(c ^ 0x811c9dc5, 0x01000193);
      const h2 = Math.imul(prev1 ^ c, 0x01000193) + 1;
      nnz = countBucket(dense, touched, nnz, gramBucket(h1, mask));
      grams++;
      if (i >= 1 && maxN >= 2) {
        nnz = countBucket(dense, touched, nnz, gramBucket(h2, mask));
        grams++;
      }
      if (i >= 2 && maxN >= 3) {
        nnz = countBucket(dense, touched, nnz, gramBucket(Math.imul(prev2 ^ c, 0x01000193) + 2, mask));
        grams++;
      }
      prev1 = h1;
      prev2 = h2;
    }
    // Square roots of rates (Hellinger): frequent n-grams do not drown the rare, telling ones.
    for (let j = 0; j < nnz; j++) {
      const b = touched[j] ?? 0;
      this.values[j] = Math.sqrt((dense[b] ?? 0) / grams);
      dense[b] = 0;
    }
    const words = t.toLowerCase().match(WORD_RE) ?? [];
    const base = this.layout.buckets;
    const firstWord = nnz;
    for (const w of words) {
      const idx = WORD_INDEX.get(w);
      if (idx === undefined) continue;
      nnz = countBucket(dense, touched, nnz, base + idx);
    }
    const wc = Math.max(1, words.length);
    for (let j = firstWord; j < nnz; j++) {
      const b = touched[j] ?? 0;
      this.values[j] = Math.sqrt((dense[b] ?? 0) / wc);
      dense[b] = 0;
    }
    styleInto(t, words, this.style, 0);
    const styleBase = base + WORDS.length;
    for (let s = 0; s < STYLE_DIM; s++) {
      touched[nnz] = styleBase + s;
      this.values[nnz++] = this.style[s] ?? 0;
    }
    // A message of only spaces carries no style: length 0 tells the scorer to leave it out.
    return { indices: this.touched, values: this.values, nnz, length: t.trim() === '' ? 0 : t.length };
  }
}

/** The style block of one message by name (addressee stripped, as the writeprint sees it): for tests and explanations. */
export function describeStyle(text: string, stripAddressee = true): Record<StyleName, number> {
  const t = prepareText(text, { stripAddressee });
  const out = new Float32Array(STYLE_DIM);
  styleInto(t, t.toLowerCase().match(WORD_RE) ?? [], out, 0);
  return Object.fromEntries(STYLE_NAMES.map((n, i) => [n, out[i] ?? 0])) as Record<StyleName, number>;
}
