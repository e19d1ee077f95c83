// The baseline: natural's BayesClassifier with its default Porter stemmer (natural's tokenizer and
// stop-words). Training goes through natural's own `addDocument`, but the per-document examples reach
// its Bayes engine (apparatus) as sparse feature indices instead of via natural's `train()`, which
// builds a dense vector the size of the vocabulary for every document (about 40 s per OLID fold).
// The counts are identical (test/detection/bayes-baseline.test.ts checks it against `train()`), so
// natural's own `classify()` / `getClassifications()` answer exactly as after `train()`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface ApparatusBayes {
  addExample(observation: Record<number, number>, label: string): void;
  classFeatures: Record<string, Record<number, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

export interface NaturalBayes {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
  getClassifications(text: string): Array<{ label: string; value: number }>;
  docs: Array<{ label: string; text: string[] }>;
  features: Record<string, number>;
  classifier: ApparatusBayes;
  lastAdded: number;
  stemmer: { tokenizeAndStem(text: string): string[] };
}

const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalBayes;

export function newBayes(): NaturalBayes {
  return new BayesClassifier();
}

/** Trains a natural BayesClassifier on (text, label) pairs, with the same counts natural's `train()` makes. */
export function trainBayes(examples: Iterable<{ text: string; label: string }>): NaturalBayes {
  const c = newBayes();
  for (const e of examples) c.addDocument(e.text, e.label);
  // natural numbers features by their order in `this.features` (for…in order, as Object.keys gives).
  const index = new Map(Object.keys(c.features).map((f, i) => [f, i]));
  for (let d = c.lastAdded; d < c.docs.length; d++) {
    const doc = c.docs[d] as { label: string; text: string[] };
    const observation: Record<number, number> = {};
    let k = 0;
    for (const f of new Set(doc.text)) observation[k++] = index.get(f) as number;
    c.classifier.addExample(observation, doc.label);
    // apparatus counts examples only on its dense path; do what that path does.
    c.classifier.totalExamples++;
    c.classifier.classTotals[doc.label]!++;
  }
  c.lastAdded = c.docs.length;
  return c;
}

/**
 * log P(positive | text) − log P(negative | text) under the trained model, computed from its counts the
 * way apparatus does but in log space (its own `getClassifications` underflows to 0 for long texts,
 * which would make ROC AUC meaningless). Same sign as natural's `classify` whenever that does not tie.
 */
export function bayesLogOdds(c: NaturalBayes, text: string, positive: string, negative: string): number {
  const a = c.classifier;
  const tokens = new Set(c.stemmer.tokenizeAndStem(text));
  const index = bayesIndex(c);
  const logProb = (label: string): number => {
    const counts = a.classFeatures[label] ?? {};
    const total = a.classTotals[label] ?? 1;
    let lp = Math.log(total / a.totalExamples);
    for (const t of tokens) {
      const i = index.get(t);
      if (i === undefined) continue; // natural ignores words it never saw
      lp += Math.log((counts[i] ?? a.smoothing) / total);
    }
    return lp;
  };
  return logProb(positive) - logProb(negative);
}

const indexCache = new WeakMap<NaturalBayes, Map<string, number>>();
function bayesIndex(c: NaturalBayes): Map<string, number> {
  let m = indexCache.get(c);
  if (!m) {
    m = new Map(Object.keys(c.features).map((f, i) => [f, i]));
    indexCache.set(c, m);
  }
  return m;
}
