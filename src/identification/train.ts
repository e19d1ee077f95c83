// `acts train` for α: fits the background writeprint model on the dev authors and chooses r1, r2 from an
// author-disjoint cross-validation, writing models/writeprint.json. Deterministic: folds come from a hash
// of each author's name and nothing is sampled.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { authorshipFile, loadAuthors } from './authorship-data.js';
import { DEFAULT_LAYOUT, fitBackground, sparseRows } from './background.js';
import { chooseThresholds, figures, fitFusion, fusedColumn, R2_FALSE_ALARM, THRESHOLD_BURST } from './calibrate.js';
import { crossValidate, CV_FOLDS } from './cross-validate.js';
import { DEFAULT_MODEL_FILE } from './identifier.js';
import { MODEL_FORMAT, saveModel, type WriteprintModel } from './model-file.js';
import { RawFeaturizer } from './raw-features.js';

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

export async function train({ sharedDir, out = DEFAULT_MODEL_FILE }: { sharedDir: string; out?: string }): Promise<void> {
  const file = authorshipFile(sharedDir);
  const authors = loadAuthors(file);
  const cv = crossValidate(authors);
  const fusion = fitFusion(cv.bySize);
  const fiveBurst = cv.bySize.get(THRESHOLD_BURST);
  if (!fiveBurst) throw new Error('cross-validation produced no bursts of the threshold size');
  const thresholds = chooseThresholds(fiveBurst, fusion);
  const dev = [...cv.bySize].map(([size, c]) => figures(size, c.same, fusedColumn(c, fusion)));

  const featurizer = new RawFeaturizer(DEFAULT_LAYOUT);
  const { params } = fitBackground(authors.map((a) => sparseRows(featurizer, [...a.reference, ...a.query])));
  const model: WriteprintModel = {
    format: MODEL_FORMAT,
    layout: params.layout,
    projection: params.projection,
    cohort: { authors: authors.length, mean: params.cohort.mean, variance: params.cohort.variance },
    profileComponents: params.profileComponents,
    withinVariance: round(params.withinVariance, 6),
    fusion: { weights: fusion.weights.map((w) => round(w, 6)), bias: round(fusion.bias, 6) },
    thresholds: { r1: round(thresholds.r1, 6), r2: round(thresholds.r2, 6) },
    provenance: {
      data: 'irc_authorship_dev.jsonl',
      dataSha256: createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16),
      authors: authors.length,
      messages: authors.reduce((s, a) => s + a.reference.length + a.query.length, 0),
      protocol: `${CV_FOLDS}-fold author-disjoint CV; enrol on reference, verify query bursts; impostors = other held-out authors`,
      thresholdRule: `r1 = equal-error point, r2 = ${R2_FALSE_ALARM * 100}% false alarms on impostor bursts of ${THRESHOLD_BURST}`,
      thresholdRates: {
        r1: { far: round(thresholds.at.r1.far), frr: round(thresholds.at.r1.frr) },
        r2: { far: round(thresholds.at.r2.far), frr: round(thresholds.at.r2.frr) },
      },
      dev: dev.map((d) => ({ ...d, auc: round(d.auc), eer: round(d.eer) })),
      attribution: { ...cv.attribution, top1: round(cv.attribution.top1), top5: round(cv.attribution.top5), candidates: round(cv.attribution.candidates, 1) },
    },
  };
  saveModel(model, out);
  process.stderr.write(`writeprint model → ${out}\n`);
  for (const d of dev) process.stderr.write(`  bursts of ${d.burst}: AUC ${d.auc.toFixed(3)}, EER ${d.eer.toFixed(3)}\n`);
  process.stderr.write(`  r1 ${model.thresholds.r1} r2 ${model.thresholds.r2}\n`);
}
