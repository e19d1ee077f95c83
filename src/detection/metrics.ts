// Binary classification figures: F1 (per class and macro), precision, recall, ROC AUC.

export interface BinaryScores {
  macroF1: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** `predicted[i]` and `actual[i]` are the positive class (true) or not. */
export function binaryScores(predicted: ArrayLike<boolean>, actual: ArrayLike<boolean>): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < actual.length; i++) {
    if (predicted[i]) {
      if (actual[i]) tp++;
      else fp++;
    } else if (actual[i]) fn++;
    else tn++;
  }
  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  const f1Neg = tn === 0 ? 0 : (2 * tn) / (2 * tn + fn + fp);
  return {
    macroF1: (f1 + f1Neg) / 2,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    f1,
    accuracy: (tp + tn) / Math.max(1, actual.length),
  };
}

export { rocAuc } from '../core/roc-auc.js';
