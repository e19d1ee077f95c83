// The shipped writeprint model (models/writeprint.json): the background projection, the cohort, the score
// fusion and the thresholds. Numbers only: derived statistics of the dev authors, never their texts.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FeatureLayout } from './raw-features.js';

export const MODEL_FORMAT = 'acts-writeprint/1';

export interface WriteprintModel {
  format: typeof MODEL_FORMAT;
  layout: FeatureLayout;
  /** Raw dimension × outDim LDA projection (row-major by raw feature) and the background mean. */
  projection: { mean: Float32Array; matrix: Float32Array; outDim: number };
  /** Cohort for T-norm: mean and per-axis variance of the background authors' unit-length centroids. */
  cohort: { authors: number; mean: Float32Array; variance: Float32Array };
  /** Principal components a profile keeps (fewer when the history is small). */
  profileComponents: number;
  /** Per-dimension variance of one message around its author's mean, in the projected space (a floor for small histories). */
  withinVariance: number;
  /** Logistic fusion of [cohortZ, log distanceIn, log distanceOut] into the calibrated score. */
  fusion: { weights: number[]; bias: number };
  thresholds: { r1: number; r2: number };
  /** How the model was made and what it scored on the dev authors; for models/README.md and `acts eval`. */
  provenance: Record<string, unknown>;
}

interface StoredModel extends Omit<WriteprintModel, 'projection' | 'cohort'> {
  projection: { mean: string; matrix: string; outDim: number };
  cohort: { authors: number; mean: string; variance: string };
}

const toB64 = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function fromB64(s: string, expected: number, what: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength !== expected * 4) throw new Error(`writeprint model: ${what} has ${buf.byteLength / 4} values, expected ${expected}`);
  const out = new Float32Array(expected);
  for (let i = 0; i < expected; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

export function saveModel(model: WriteprintModel, file: string): void {
  const stored: StoredModel = {
    ...model,
    projection: { mean: toB64(model.projection.mean), matrix: toB64(model.projection.matrix), outDim: model.projection.outDim },
    cohort: { authors: model.cohort.authors, mean: toB64(model.cohort.mean), variance: toB64(model.cohort.variance) },
  };
  writeFileSync(file, `${JSON.stringify(stored, null, 1)}\n`);
}

/** Reads and checks a model file; `id` names it by content hash for the evidence record. */
export function readModel(file: string, rawDimOf: (layout: FeatureLayout) => number): { model: WriteprintModel; id: string } {
  const text = readFileSync(file, 'utf8');
  const s = JSON.parse(text) as StoredModel;
  if (s.format !== MODEL_FORMAT) throw new Error(`writeprint model ${file}: unknown format ${String(s.format)}`);
  const raw = rawDimOf(s.layout);
  const d = s.projection.outDim;
  const model: WriteprintModel = {
    ...s,
    projection: { mean: fromB64(s.projection.mean, raw, 'mean'), matrix: fromB64(s.projection.matrix, raw * d, 'matrix'), outDim: d },
    cohort: { authors: s.cohort.authors, mean: fromB64(s.cohort.mean, d, 'cohort mean'), variance: fromB64(s.cohort.variance, d, 'cohort variance') },
  };
  if (model.fusion.weights.length !== 3) throw new Error(`writeprint model ${file}: fusion needs 3 weights`);
  const id = `writeprint-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  return { model, id };
}
