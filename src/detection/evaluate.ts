// `acts eval` for detection: 5-fold cross-validation on olid_train (its `fold` field) of the shipped
// architecture and of natural's BayesClassifier on the same split; the same on davidson_dev (harmful
// vs not, and hate speech vs the rest); and the shipped model, as trained on OLID, read on Davidson.
import type { EvalSection } from '../cli/report.js';
import { bayesLogOdds, trainBayes } from './bayes-baseline.js';
import { foldwiseFigures, type CvFigures } from './cv-report.js';
import { readDavidson, readOlid } from './dataset.js';
import { loadDetector } from './detector.js';
import { buildLexicon, lexiconLevels } from './lexicon.js';
import { binaryScores, rocAuc } from './metrics.js';
import { MODEL_CONFIG } from './model-config.js';
import { buildPersonNouns } from './person-nouns.js';
import { WordTokenizer } from './tokens.js';
import { outOfFold, type Labelled } from './trainer.js';
import { prepareAll } from './train.js';

interface Case {
  text: string;
  positive: boolean;
  fold: number;
}

/** Figures with the person-in-view rule and without it (the offensive head alone), from one CV run. */
function ourModel(cases: readonly Case[], tokenizer: WordTokenizer, labels: Labelled[]): { rule: CvFigures; headOnly: CvFigures } {
  const docs = prepareAll(
    cases.map((c) => c.text),
    tokenizer,
  );
  const folds = cases.map((c) => c.fold);
  const oof = outOfFold(docs, labels, folds, MODEL_CONFIG, tokenizer);
  return { rule: foldwiseFigures(oof, docs, labels, folds, true), headOnly: foldwiseFigures(oof, docs, labels, folds, false) };
}

/** natural's Bayes, trained on the other folds, predicting each fold (no grey band: it has none). */
function bayes(cases: readonly Case[]): CvFigures {
  const odds = new Float64Array(cases.length);
  for (const f of new Set(cases.map((c) => c.fold))) {
    const model = trainBayes(cases.filter((c) => c.fold !== f).map((c) => ({ text: c.text, label: c.positive ? 'pos' : 'neg' })));
    cases.forEach((c, i) => {
      if (c.fold === f) odds[i] = bayesLogOdds(model, c.text, 'pos', 'neg');
    });
  }
  const actual = cases.map((c) => c.positive);
  const s = binaryScores(
    Array.from(odds, (o) => o > 0),
    actual,
  );
  return { macroF1: s.macroF1, precision: s.precision, recall: s.recall, greyRate: 0, rocAuc: rocAuc(odds, actual) };
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const row = (name: string, f: CvFigures): string[] => [name, fmt(f.macroF1), fmt(f.precision), fmt(f.recall), fmt(f.greyRate), fmt(f.rocAuc)];
const round = (f: CvFigures): Record<string, number> => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Math.round(v * 10000) / 10000]));

export async function evaluate(opts: { sharedDir: string; json: boolean }): Promise<EvalSection> {
  const started = Date.now();
  const tokenizer = new WordTokenizer(lexiconLevels(buildLexicon()), new Set(buildPersonNouns()));
  const olid = readOlid(opts.sharedDir);
  const olidCases = olid.map((r) => ({ text: r.text, positive: r.offensive, fold: r.fold }));
  const { rule: ours, headOnly: oursNoRule } = ourModel(olidCases, tokenizer, olid);
  const bayesOlid = bayes(olidCases);

  const dav = readDavidson(opts.sharedDir);
  const harmful = dav.map((r) => ({ text: r.text, positive: r.harmful, fold: r.fold }));
  const hate = dav.map((r) => ({ text: r.text, positive: r.label === 'hate_speech', fold: r.fold }));
  const asLabels = (cs: Case[]): Labelled[] => cs.map((c) => ({ offensive: c.positive, targeted: false }));
  const davOurs = ourModel(harmful, tokenizer, asLabels(harmful)).headOnly;
  const davBayes = bayes(harmful);
  const hateOurs = ourModel(hate, tokenizer, asLabels(hate)).headOnly;
  const hateBayes = bayes(hate);

  // The shipped model (trained on OLID) on Davidson as it is: flagged = not clean.
  const detector = loadDetector();
  const shipped = dav.map((r) => detector.detect(r.text));
  const actualDav = dav.map((r) => r.harmful);
  const s = binaryScores(
    shipped.map((r) => r.label !== 'not'),
    actualDav,
  );
  const transfer: CvFigures = {
    macroF1: s.macroF1,
    precision: s.precision,
    recall: s.recall,
    greyRate: shipped.filter((r) => r.label === 'grey').length / shipped.length,
    rocAuc: rocAuc(
      shipped.map((r) => r.score),
      actualDav,
    ),
  };
  const seconds = (Date.now() - started) / 1000;
  return {
    title: `Detection β (5-fold CV on the dev sets' fold field; ${seconds.toFixed(0)} s)`,
    key: 'detection',
    table: [
      ['set / model', 'macro-F1', 'precision', 'recall', 'grey rate', 'ROC AUC'],
      row('OLID OFF vs NOT: ACTS NB-SVM (cyberstalking = OFF)', ours),
      row('OLID OFF vs NOT: ACTS NB-SVM, no person-in-view rule', oursNoRule),
      row('OLID OFF vs NOT: natural BayesClassifier', bayesOlid),
      row('Davidson harmful vs not: ACTS NB-SVM', davOurs),
      row('Davidson harmful vs not: natural BayesClassifier', davBayes),
      row('Davidson hate vs rest: ACTS NB-SVM', hateOurs),
      row('Davidson hate vs rest: natural BayesClassifier', hateBayes),
      row('Davidson harmful: shipped OLID model (flag = not clean)', transfer),
    ],
    json: {
      model: detector.modelId,
      olid: { acts: round(ours), actsNoPersonRule: round(oursNoRule), bayes: round(bayesOlid) },
      davidson: { acts: round(davOurs), bayes: round(davBayes), hateActs: round(hateOurs), hateBayes: round(hateBayes), shippedOlidModel: round(transfer) },
      seconds,
    },
  };
}
