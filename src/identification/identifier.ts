// α as the pipeline sees it: the Identifier contract over the shipped writeprint model.
import { fileURLToPath } from 'node:url';
import type { IdentificationResult, ModuleLabel } from '../core/types.js';
import type { Identifier, OffenderProfile, Writeprint } from '../pipeline/contracts.js';
import { readModel, type WriteprintModel } from './model-file.js';
import { fitProfile, WriteprintProfile } from './profile.js';
import { rawDim } from './raw-features.js';
import { BurstScorer, fusedScore } from './score.js';
import { WriteprintSpace, WriteprintVector } from './space.js';

export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../models/writeprint.json', import.meta.url));

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** No score: no profile (1), a profile from another model (2), or no text in the burst (3). */
function noScore(reason: number, burstSize: number, historySize: number, r1: number, r2: number): IdentificationResult {
  return { label: 'not', score: 0, burstSize, historySize, details: { noScore: reason, r1, r2 } };
}

export class WriteprintIdentifier implements Identifier {
  private readonly space: WriteprintSpace;
  private readonly scorer: BurstScorer;

  constructor(
    readonly model: WriteprintModel,
    readonly modelId: string,
  ) {
    this.space = new WriteprintSpace(model);
    this.scorer = new BurstScorer(this.space.dim, model.cohort);
  }

  get thresholds(): { r1: number; r2: number } {
    return this.model.thresholds;
  }

  writeprint(text: string): WriteprintVector {
    return this.space.writeprint(text);
  }

  /** Messages with no text after the addressee is removed carry no style and are left out. */
  buildProfile(texts: readonly string[]): WriteprintProfile {
    const prints = texts.map((t) => this.space.writeprint(t)).filter((w) => w.length > 0);
    return fitProfile(prints, this.space.dim, this.model.profileComponents, this.model.withinVariance);
  }

  identify(profile: OffenderProfile | undefined, burst: readonly Writeprint[]): IdentificationResult {
    const { r1, r2 } = this.model.thresholds;
    const prints: WriteprintVector[] = [];
    for (const w of burst) if (w instanceof WriteprintVector) prints.push(w);
    const historySize = profile?.size ?? 0;
    if (!(profile instanceof WriteprintProfile) || profile.size === 0) return noScore(1, prints.length, historySize, r1, r2);
    if (profile.dim !== this.space.dim) return noScore(2, prints.length, historySize, r1, r2);
    const raw = this.scorer.score(profile, prints);
    if (!raw) return noScore(3, prints.length, historySize, r1, r2);
    const score = fusedScore(raw, this.model.fusion);
    const label: ModuleLabel = score >= r2 ? 'cyberstalking' : score >= r1 ? 'grey' : 'not';
    return {
      label,
      score,
      burstSize: raw.burstSize,
      historySize,
      details: {
        cosine: round(raw.cosine),
        cohortZ: round(raw.cohortZ),
        distanceIn: round(Math.exp(raw.logDistanceIn)),
        distanceOut: round(Math.exp(raw.logDistanceOut)),
        r1,
        r2,
      },
    };
  }
}

/** Loads the shipped writeprint model (or another file made by `acts train`). */
export function loadIdentifier(file: string = DEFAULT_MODEL_FILE): WriteprintIdentifier {
  const { model, id } = readModel(file, rawDim);
  return new WriteprintIdentifier(model, id);
}
