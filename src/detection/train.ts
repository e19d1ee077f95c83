// `acts train` for detection: 5-fold out-of-fold predictions on olid_train (for calibration and
// thresholds), then both heads on all of it, written to models/detector.bin. Deterministic: the same
// data gives the same bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readOlid } from './dataset.js';
import { decide } from './decision.js';
import { DEFAULT_MODEL_FILE } from './detector.js';
import type { PreparedText } from './features.js';
import { buildLexicon, lexiconLevels } from './lexicon.js';
import { binaryScores, rocAuc } from './metrics.js';
import { MODEL_CONFIG } from './model-config.js';
import { encodeModel } from './model-file.js';
import { normalise } from './normalise.js';
import { buildPersonNouns } from './person-nouns.js';
import { calibrate } from './oof-calibration.js';
import { chooseThresholds } from './thresholds.js';
import { outOfFold, trainHeads } from './trainer.js';
import { WordTokenizer } from './tokens.js';

export const MODEL_NAME = 'acts-detector-nbsvm';

export function prepareAll(texts: readonly string[], tokenizer: WordTokenizer): PreparedText[] {
  return texts.map((t) => {
    const normalised = normalise(t);
    return { normalised, ...tokenizer.tokenise(normalised) };
  });
}

export async function train(opts: { sharedDir: string; out?: string; log?: (line: string) => void }): Promise<void> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`  ${line}\n`));
  const out = opts.out ?? DEFAULT_MODEL_FILE;
  const dataFile = path.join(opts.sharedDir, 'data', 'olid_train.jsonl');
  const rows = readOlid(opts.sharedDir);
  const lexicon = buildLexicon();
  const personNouns = buildPersonNouns();
  const tokenizer = new WordTokenizer(lexiconLevels(lexicon), new Set(personNouns));
  const docs = prepareAll(
    rows.map((r) => r.text),
    tokenizer,
  );
  const started = Date.now();
  const oof = outOfFold(
    docs,
    rows,
    rows.map((r) => r.fold),
    MODEL_CONFIG,
    tokenizer,
  );
  const { platt, predictions } = calibrate(oof, docs, rows);
  const thresholds = chooseThresholds(predictions);
  const labels = rows.map((_, i) => decide(thresholds, predictions.offensive[i] as number, predictions.personInView[i] as boolean));
  const actual = rows.map((r) => r.offensive);
  const a = binaryScores(
    labels.map((l) => l === 'cyberstalking'),
    actual,
  );
  const training = {
    data: { file: 'olid_train.jsonl', rows: rows.length, sha256: createHash('sha256').update(readFileSync(dataFile)).digest('hex').slice(0, 16) },
    config: MODEL_CONFIG,
    outOfFold: {
      macroF1: round(a.macroF1),
      precision: round(a.precision),
      recall: round(a.recall),
      greyRate: round(labels.filter((l) => l === 'grey').length / labels.length),
      rocAuc: round(rocAuc(predictions.offensive, actual)),
      // What the person-in-view rule turned grey among texts over the flag threshold, by OLID sub-task B label.
      greyedForNoPerson: personRuleEffect(rows, predictions.offensive, predictions.personInView, thresholds.flag),
    },
  };
  log(`out-of-fold (5 folds): macro-F1 ${training.outOfFold.macroF1}, AUC ${training.outOfFold.rocAuc}, grey ${training.outOfFold.greyRate}; thresholds ${JSON.stringify(thresholds)}`);
  const heads = trainHeads(docs, rows, MODEL_CONFIG, tokenizer);
  const bytes = encodeModel(
    {
      name: MODEL_NAME,
      spec: MODEL_CONFIG.spec,
      lexicon,
      personNouns,
      offensive: { bias: heads.offensive.bias, platt: platt.offensive },
      targeted: { bias: heads.targeted.bias, platt: platt.targeted },
      thresholds,
      training,
    },
    { idf: heads.idf, offensive: heads.offensive.weights, targeted: heads.targeted.weights },
  );
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function personRuleEffect(rows: readonly { offensive: boolean; targeted: boolean }[], p: ArrayLike<number>, person: ArrayLike<boolean>, flag: number) {
  const over = rows.flatMap((r, i) => ((p[i] as number) >= flag && !person[i] ? [r] : []));
  return { targeted: over.filter((r) => r.targeted).length, untargeted: over.filter((r) => r.offensive && !r.targeted).length, notOffensive: over.filter((r) => !r.offensive).length };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
