// Finds dictionary entries and rule words in a message by k-shingles (k = 3 characters) of the folded
// text. An inverted index from shingle to entries keeps the cost per message near the message's length,
// however many entries there are; only candidates are then checked in place.
import { normaliseForMatchingPadded } from './normalise.js';
import { ShingleIndex } from './shingle-index.js';

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
 * A shingle as a small integer hash (ShingleMatcher.match computes the same inline) of its three UTF-16 units: no string per position, and a key V8 keeps
 * unboxed. Two shingles may share a hash; that only makes an entry a candidate, and candidates are checked
 * against the text itself before they count as found.
 */
function shingleAt(text: string, i: number): number {
  return (Math.imul(text.charCodeAt(i), 0x9e3779b1) ^ Math.imul(text.charCodeAt(i + 1), 0x85ebca6b) ^ Math.imul(text.charCodeAt(i + 2), 0xc2b2ae35)) >>> 2;
}

function shinglesOf(padded: string): number[] {
  const out = new Set<number>();
  for (let i = 0; i + K <= padded.length; i++) out.add(shingleAt(padded, i));
  return [...out];
}

/** Folded text with a space at each end, so shingles carry word boundaries ("kill" does not match "skill"). */
export function padForMatching(text: string): string {
  return normaliseForMatchingPadded(text);
}

export class ShingleMatcher<T> {
  private readonly entries: Compiled<T>[] = [];
  private readonly index: ShingleIndex;
  /** Per entry: how many of its shingles the current text holds (zero between calls). */
  private readonly counts: Uint16Array;
  /** Entries whose count left zero in the current text, in the order they did. */
  private readonly touched: Int32Array;

  constructor(entries: Iterable<ShingleEntry<T>>) {
    for (const entry of entries) {
      const padded = padForMatching(entry.phrase);
      if (padded.trim().length === 0) continue;
      this.entries.push({ padded, shingles: shinglesOf(padded), value: entry.value });
    }
    this.index = new ShingleIndex(this.entries.map(shinglesOfEntry));
    this.counts = new Uint16Array(this.entries.length);
    this.touched = new Int32Array(this.entries.length);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every entry found in the text (already folded and padded with `padForMatching`). */
  match(padded: string): T[] {
    if (this.entries.length === 0) return [];
    const index = this.index;
    const postings = index.postings;
    const counts = this.counts;
    const touched = this.touched;
    let nTouched = 0;
    index.beginText();
    // shingleAt with the characters rolled along: one string read per position instead of three.
    let c1 = padded.charCodeAt(0);
    let c2 = padded.charCodeAt(1);
    for (let i = 0; i + K <= padded.length; i++) {
      const c0 = c1;
      c1 = c2;
      c2 = padded.charCodeAt(i + 2);
      const slot = index.slotOf((Math.imul(c0, 0x9e3779b1) ^ Math.imul(c1, 0x85ebca6b) ^ Math.imul(c2, 0xc2b2ae35)) >>> 2);
      if (slot < 0 || !index.firstVisit(slot)) continue;
      const end = index.end(slot);
      for (let p = index.start(slot); p < end; p++) {
        const at = postings[p]!;
        if (counts[at] === 0) touched[nTouched++] = at;
        counts[at]!++;
      }
    }
    const found: T[] = [];
    for (let t = 0; t < nTouched; t++) {
      const at = touched[t]!;
      const entry = this.entries[at]!;
      const share = counts[at]! / entry.shingles.length;
      counts[at] = 0;
      if (share === 1 && padded.includes(entry.padded)) found.push(entry.value);
      else if (entry.shingles.length >= FUZZY_MIN_SHINGLES && share >= FUZZY_THRESHOLD && fuzzyInPlace(padded, entry)) found.push(entry.value);
    }
    return found;
  }
}

function shinglesOfEntry<T>(entry: Compiled<T>): number[] {
  return entry.shingles;
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
