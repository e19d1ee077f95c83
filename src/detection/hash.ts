// 32-bit hashing for feature buckets: FNV-1a over UTF-16 code units, finished with murmur3's mixer
// so the low bits used as a bucket index are well spread.

export const FNV_OFFSET = 0x811c9dc5;

export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

export function fnvString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two hashes (a word bigram from its two words). */
export function pair(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x01000193);
}
