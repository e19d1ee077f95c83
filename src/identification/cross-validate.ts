// Author-disjoint cross-validation of the writeprint model on the dev authorship data: the background is
// fitted on some authors; the others, never seen, are enrolled on their `reference` messages and their
// `query` bursts are verified against every held-out profile (the same author's = genuine, others' = impostor).
import { authorFold, chunk, type AuthorMessages } from './authorship-data.js';
import { fitBackground, sparseRows, writeprintsOf, type BackgroundOptions, type RawRow } from './background.js';
import { fitProfile } from './profile.js';
import { RawFeaturizer } from './raw-features.js';
import { BurstScorer } from './score.js';
import { DEFAULT_LAYOUT } from './background.js';

/** Column-wise scores of every (profile, burst) pair of one burst size. */
export interface PairColumns {
  same: Uint8Array;
  cohortZ: Float32Array;
  logDistanceIn: Float32Array;
  logDistanceOut: Float32Array;
  cosine: Float32Array;
}

export interface CvResult {
  bySize: Map<number, PairColumns>;
  /** Closed-set attribution of bursts of `attributionSize` among the held-out authors of their fold. */
  attribution: { size: number; bursts: number; top1: number; top5: number; candidates: number };
}

export interface CvOptions extends BackgroundOptions {
  folds?: number;
  burstSizes?: number[];
  attributionSize?: number;
}

export const CV_FOLDS = 3;

export function crossValidate(authors: readonly AuthorMessages[], options: CvOptions = {}): CvResult {
  const folds = options.folds ?? CV_FOLDS;
  const sizes = options.burstSizes ?? [1, 5, 10];
  const attrSize = options.attributionSize ?? 5;
  const featurizer = new RawFeaturizer(options.layout ?? DEFAULT_LAYOUT);
  const rows = authors.map((a) => ({ ref: sparseRows(featurizer, a.reference), qry: sparseRows(featurizer, a.query) }));
  const cols = new Map<number, { same: number[]; z: number[]; din: number[]; dout: number[]; cos: number[] }>();
  for (const s of sizes) cols.set(s, { same: [], z: [], din: [], dout: [], cos: [] });
  let bursts = 0, top1 = 0, top5 = 0, candidates = 0;
  for (let f = 0; f < folds; f++) {
    const inFold = authors.map((a) => authorFold(a.author, folds) === f);
    const train: RawRow[][] = [];
    const test: Array<{ ref: RawRow[]; qry: RawRow[] }> = [];
    rows.forEach((r, i) => (inFold[i] ? test.push(r) : train.push([...r.ref, ...r.qry])));
    const { params, space } = fitBackground(train, options);
    const scorer = new BurstScorer(space.dim, params.cohort);
    const profiles = test.map((t) => fitProfile(writeprintsOf(space, t.ref), space.dim, params.profileComponents, params.withinVariance));
    const queries = test.map((t) => writeprintsOf(space, t.qry));
    candidates += test.length;
    for (const size of sizes) {
      const c = cols.get(size)!;
      queries.forEach((q, owner) => {
        for (const burst of chunk(q, size)) {
          const zs: number[] = [];
          if (!scorer.prepare(burst)) continue;
          profiles.forEach((p, j) => {
            const s = scorer.against(p);
            c.same.push(j === owner ? 1 : 0);
            c.z.push(s.cohortZ);
            c.din.push(s.logDistanceIn);
            c.dout.push(s.logDistanceOut);
            c.cos.push(s.cosine);
            zs[j] = s.cohortZ;
          });
          if (size !== attrSize || zs[owner] === undefined) continue;
          const own = zs[owner]!;
          const better = zs.filter((z) => z > own).length;
          bursts++;
          if (better < 1) top1++;
          if (better < 5) top5++;
        }
      });
    }
  }
  const bySize = new Map<number, PairColumns>();
  for (const [s, c] of cols) {
    bySize.set(s, {
      same: Uint8Array.from(c.same),
      cohortZ: Float32Array.from(c.z),
      logDistanceIn: Float32Array.from(c.din),
      logDistanceOut: Float32Array.from(c.dout),
      cosine: Float32Array.from(c.cos),
    });
  }
  return { bySize, attribution: { size: attrSize, bursts, top1: top1 / Math.max(1, bursts), top5: top5 / Math.max(1, bursts), candidates: candidates / folds } };
}
