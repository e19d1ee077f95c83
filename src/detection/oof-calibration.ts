// Turns out-of-fold margins into calibrated probabilities and the inputs threshold selection needs.
import { applyPlatt, fitPlatt, type Platt } from './calibration.js';
import type { PreparedText } from './features.js';
import { personInView } from './tokens.js';
import type { OofPredictions } from './thresholds.js';
import type { Labelled, OutOfFold } from './trainer.js';

export interface Calibrated {
  platt: { offensive: Platt; targeted: Platt };
  predictions: OofPredictions;
}

/** Fits both heads' Platt scaling on the given rows (the targeted head on its offensive ones). */
export function calibrate(oof: OutOfFold, docs: readonly PreparedText[], labels: readonly Labelled[], rows?: readonly number[]): Calibrated {
  const idx = rows ?? labels.map((_, i) => i);
  const off = idx.filter((i) => labels[i]?.offensive);
  const platt = {
    offensive: fitPlatt(
      idx.map((i) => oof.offensive[i] as number),
      idx.map((i) => Boolean(labels[i]?.offensive)),
    ),
    targeted: fitPlatt(
      off.map((i) => oof.targeted[i] as number),
      off.map((i) => Boolean(labels[i]?.targeted)),
    ),
  };
  return {
    platt,
    predictions: {
      offensive: Array.from(oof.offensive, (m) => applyPlatt(platt.offensive, m)),
      targeted: Array.from(oof.targeted, (m) => applyPlatt(platt.targeted, m)),
      personInView: docs.map(personInView),
      isOffensive: labels.map((l) => l.offensive),
      isTargeted: labels.map((l) => l.targeted),
    },
  };
}
