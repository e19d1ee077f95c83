// Trains both heads of the detector on a set of OLID rows, and produces out-of-fold margins by
// cross-validation over OLID's fixed `fold` field (used to calibrate and to choose thresholds).
import { FeatureExtractor, type PreparedText } from './features.js';
import { buildMatrix, computeIdf, fitHead, margin, type Head } from './fit.js';
import type { ModelConfig } from './model-config.js';
import type { WordTokenizer } from './tokens.js';

export interface Labelled {
  offensive: boolean;
  targeted: boolean;
}

export interface TrainedHeads {
  idf: Float32Array;
  offensive: Head;
  targeted: Head;
  extractor: FeatureExtractor;
}

export function trainHeads(docs: readonly PreparedText[], labels: readonly Labelled[], config: ModelConfig, tokenizer: WordTokenizer): TrainedHeads {
  const idf = computeIdf(docs, config.spec, config.minDf, new FeatureExtractor(config.spec, null, tokenizer));
  const extractor = new FeatureExtractor(config.spec, { table: idf, stride: 1 }, tokenizer);
  const m = buildMatrix(docs, extractor);
  const yOff = Uint8Array.from(labels, (l) => (l.offensive ? 1 : 0));
  const yTin = Uint8Array.from(labels, (l) => (l.targeted ? 1 : 0));
  const offensiveRows = labels.flatMap((l, i) => (l.offensive ? [i] : []));
  return {
    idf,
    extractor,
    offensive: fitHead(m, yOff, config.offensive, config.spec.bits),
    // Data without sub-task B labels (Davidson) gets an empty targeted head.
    targeted: yTin.includes(1) ? fitHead(m, yTin, config.targeted, config.spec.bits, offensiveRows) : { weights: new Float32Array(1 << config.spec.bits), bias: 0 },
  };
}

export interface OutOfFold {
  offensive: Float64Array;
  targeted: Float64Array;
}

/** Margins of every row from the model trained on the other folds. */
export function outOfFold(docs: readonly PreparedText[], labels: readonly Labelled[], folds: readonly number[], config: ModelConfig, tokenizer: WordTokenizer): OutOfFold {
  const oof = { offensive: new Float64Array(docs.length), targeted: new Float64Array(docs.length) };
  for (const f of [...new Set(folds)].sort()) {
    const train = folds.flatMap((g, i) => (g !== f ? [i] : []));
    const heads = trainHeads(
      train.map((i) => docs[i] as PreparedText),
      train.map((i) => labels[i] as Labelled),
      config,
      tokenizer,
    );
    folds.forEach((g, i) => {
      if (g !== f) return;
      oof.offensive[i] = margin(heads.extractor, heads.offensive, docs[i] as PreparedText);
      oof.targeted[i] = margin(heads.extractor, heads.targeted, docs[i] as PreparedText);
    });
  }
  return oof;
}
