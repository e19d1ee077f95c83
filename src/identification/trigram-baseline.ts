// The comparison point for α: character-trigram count vectors and their cosine, the classic authorship
// baseline, scored with and without cohort normalisation (T-norm against the fold's background authors).
import { authorFold, chunk, type AuthorMessages } from './authorship-data.js';
import { prepareText } from './text-prep.js';

const BITS = 15;
const SIZE = 1 << BITS;

/** Sparse trigram counts (hashed into 2^15 buckets; collisions are rare at chat-message sizes). */
interface Counts {
  keys: Int32Array;
  values: Float32Array;
  norm: number;
}

const scratch = new Float32Array(SIZE);
const touched = new Int32Array(SIZE);

function trigramCounts(texts: readonly string[], strip: boolean): Counts {
  let n = 0;
  for (const raw of texts) {
    const t = ` ${prepareText(raw, { stripAddressee: strip })} `;
    for (let i = 0; i + 3 <= t.length; i++) {
      let h = Math.imul(t.charCodeAt(i), 0x01000193) ^ t.charCodeAt(i + 1);
      h = Math.imul(h, 0x01000193) ^ t.charCodeAt(i + 2);
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
      const k = (h ^ (h >>> 12)) & (SIZE - 1);
      if (scratch[k] === 0) touched[n++] = k;
      scratch[k]! += 1;
    }
  }
  const keys = touched.slice(0, n);
  const values = new Float32Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const v = scratch[keys[i]!]!;
    values[i] = v;
    norm += v * v;
    scratch[keys[i]!] = 0;
  }
  return { keys, values, norm: Math.sqrt(norm) || 1 };
}

function dense(c: Counts): Float32Array {
  const out = new Float32Array(SIZE);
  c.keys.forEach((k, i) => (out[k] = (c.values[i] ?? 0) / c.norm));
  return out;
}

function cosine(burst: Counts, unitProfile: Float32Array): number {
  let s = 0;
  for (let i = 0; i < burst.keys.length; i++) s += (burst.values[i] ?? 0) * (unitProfile[burst.keys[i] ?? 0] ?? 0);
  return s / burst.norm;
}

/** A trigram-cosine scorer against one profile, for the benchmark's same-run baseline. */
export function trigramScorer(profileTexts: readonly string[], strip = true): (texts: readonly string[]) => number {
  const profile = dense(trigramCounts(profileTexts, strip));
  return (texts) => cosine(trigramCounts(texts, strip), profile);
}

export interface BaselineScores {
  same: Uint8Array;
  raw: Float32Array;
  tnorm: Float32Array;
}

/** Pairs as in crossValidate: held-out authors' reference profiles against their query bursts, per size. */
export function baselineCrossValidate(authors: readonly AuthorMessages[], folds: number, sizes: readonly number[], strip: boolean): Map<number, BaselineScores> {
  const acc = new Map(sizes.map((s) => [s, { same: [] as number[], raw: [] as number[], tnorm: [] as number[] }]));
  for (let f = 0; f < folds; f++) {
    const test = authors.filter((a) => authorFold(a.author, folds) === f);
    const cohort = authors.filter((a) => authorFold(a.author, folds) !== f).map((a) => dense(trigramCounts([...a.reference, ...a.query], strip)));
    const profiles = test.map((a) => dense(trigramCounts(a.reference, strip)));
    for (const size of sizes) {
      const out = acc.get(size)!;
      test.forEach((a, owner) => {
        for (const burst of chunk(a.query, size)) {
          const counts = trigramCounts(burst, strip);
          if (counts.keys.length === 0) continue;
          const cs = cohort.map((c) => cosine(counts, c));
          const mean = cs.reduce((s, x) => s + x, 0) / cs.length;
          const sd = Math.sqrt(cs.reduce((s, x) => s + (x - mean) ** 2, 0) / cs.length) || 1e-9;
          profiles.forEach((p, j) => {
            const s = cosine(counts, p);
            out.same.push(j === owner ? 1 : 0);
            out.raw.push(s);
            out.tnorm.push((s - mean) / sd);
          });
        }
      });
    }
  }
  return new Map([...acc].map(([s, c]) => [s, { same: Uint8Array.from(c.same), raw: Float32Array.from(c.raw), tnorm: Float32Array.from(c.tnorm) }]));
}
