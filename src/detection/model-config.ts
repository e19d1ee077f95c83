// The detector's architecture and training settings, chosen by 5-fold cross-validation on olid_train
// (see models/README.md). One place, so training, evaluation and the benchmark agree.
import type { FeatureSpec } from './features.js';
import type { HeadOptions } from './fit.js';

export interface ModelConfig {
  spec: FeatureSpec;
  minDf: number;
  offensive: HeadOptions;
  /** Sub-task B head: targeted insult or threat (TIN) against untargeted profanity (UNT), fitted on offensive texts. */
  targeted: HeadOptions;
}

export const MODEL_CONFIG: ModelConfig = {
  spec: { bits: 20, charMin: 3, charMax: 5, wordNgrams: 2, wordWeight: 1 },
  minDf: 3,
  offensive: { C: 0.1, nb: true },
  targeted: { C: 0.1, nb: true, positiveWeight: 0.3 },
};
