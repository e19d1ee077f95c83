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

/** Area under the ROC curve (probability a random positive outranks a random negative; ties count half). */
export function rocAuc(scores: ArrayLike<number>, actual: ArrayLike<boolean>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSumPos = 0;
  let pos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (actual[order[k] as number]) {
        rankSumPos += avgRank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
