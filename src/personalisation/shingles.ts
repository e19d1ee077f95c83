// Finds dictionary entries and rule words in a message by k-shingles (k = 3 characters) of the folded
// text. An inverted index from shingle to entries keeps the cost per message near the message's length,
// however many entries there are; only candidates are then checked in place.
import { normaliseForMatching } from './normalise.js';

const K = 3;
/** Long phrases tolerate a typo or two: this share of their shingles must appear in one window. */
const FUZZY_MIN_SHINGLES = 8;
const FUZZY_THRESHOLD = 0.8;

export interface ShingleEntry<T> {
  /** The word or phrase as written; it is folded like the messages. */
  phrase: string;
  value: T;
}

interface Compiled<T> {
  padded: string;
  shingles: number[];
  value: T;
}

/**
 * A shingle as a small integer hash of its three UTF-16 units: no string per position, and a key V8 keeps
 * unboxed. Two shingles may share a hash; that only makes an entry a candidate, and candidates are checked
 * against the text itself before they count as found.
 */
function shingleAt(text: string, i: number): number {
  return (Math.imul(text.charCodeAt(i), 0x9e3779b1) ^ Math.imul(text.charCodeAt(i + 1), 0x85ebca6b) ^ Math.imul(text.charCodeAt(i + 2), 0xc2b2ae35)) >>> 2;
}

const FILTER_BITS = 1 << 16;

function shinglesOf(padded: string): number[] {
  const out = new Set<number>();
  for (let i = 0; i + K <= padded.length; i++) out.add(shingleAt(padded, i));
  return [...out];
}

/** Folded text with a space at each end, so shingles carry word boundaries ("kill" does not match "skill"). */
export function padForMatching(text: string): string {
  return ` ${normaliseForMatching(text)} `;
}

export class ShingleMatcher<T> {
  private readonly entries: Compiled<T>[] = [];
  private readonly index = new Map<number, number[]>();
  /** One bit per hash bucket that some entry uses: most of a message's shingles stop here. */
  private readonly filter = new Uint8Array(FILTER_BITS / 8);
  private counts = new Uint16Array(0);

  constructor(entries: Iterable<ShingleEntry<T>>) {
    for (const entry of entries) {
      const padded = padForMatching(entry.phrase);
      if (padded.trim().length === 0) continue;
      const shingles = shinglesOf(padded);
      const at = this.entries.push({ padded, shingles, value: entry.value }) - 1;
      for (const s of shingles) {
        const bit = s & (FILTER_BITS - 1);
        this.filter[bit >> 3]! |= 1 << (bit & 7);
        const list = this.index.get(s);
        if (list) list.push(at);
        else this.index.set(s, [at]);
      }
    }
    this.counts = new Uint16Array(this.entries.length);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every entry found in the text (already folded and padded with `padForMatching`). */
  match(padded: string): T[] {
    if (this.entries.length === 0) return [];
    const touched: number[] = [];
    let seen: Set<number> | undefined;
    for (let i = 0; i + K <= padded.length; i++) {
      const s = shingleAt(padded, i);
      const bit = s & (FILTER_BITS - 1);
      if ((this.filter[bit >> 3]! & (1 << (bit & 7))) === 0) continue;
      const list = this.index.get(s);
      if (!list) continue;
      seen ??= new Set();
      if (seen.has(s)) continue;
      seen.add(s);
      for (const at of list) {
        if (this.counts[at] === 0) touched.push(at);
        this.counts[at]!++;
      }
    }
    const found: T[] = [];
    for (const at of touched) {
      const entry = this.entries[at]!;
      const share = this.counts[at]! / entry.shingles.length;
      this.counts[at] = 0;
      if (share === 1 && padded.includes(entry.padded)) found.push(entry.value);
      else if (entry.shingles.length >= FUZZY_MIN_SHINGLES && share >= FUZZY_THRESHOLD && fuzzyInPlace(padded, entry)) found.push(entry.value);
    }
    return found;
  }
}

/**
 * True when the text holds the entry in order with a few character edits: the shingles found a
 * candidate, this checks it in place (bounded edit distance from a word boundary).
 */
function fuzzyInPlace<T>(padded: string, entry: Compiled<T>): boolean {
  const target = entry.padded.trim();
  const allowed = Math.max(1, Math.floor(target.length / 10));
  for (let start = 0; start < padded.length; start++) {
    if (padded[start] !== ' ') continue;
    const from = start + 1;
    for (let len = target.length - allowed; len <= target.length + allowed; len++) {
      const end = from + len;
      if (len <= 0 || end > padded.length || padded[end] !== ' ') continue; // windows end at a word boundary
      if (editDistanceWithin(target, padded.slice(from, end), allowed)) return true;
    }
  }
  return false;
}

/** Levenshtein distance ≤ max, computed row by row and abandoned as soon as it cannot be. */
function editDistanceWithin(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return false;
    previous = current;
  }
  return previous[b.length]! <= max;
}
