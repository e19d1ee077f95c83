// The contracts between the pipeline and its two trained modules. Implementations live in
// src/detection (β) and src/identification (α); the pipeline depends only on these shapes.
import type { DetectionResult, IdentificationResult } from '../core/types.js';

/** β: text classification with a trained model. Pure and synchronous: it runs on the hot path. */
export interface Detector {
  /** Name and content hash of the model, recorded with every verdict. */
  readonly modelId: string;
  detect(text: string): DetectionResult;
}

/** A recipient's offender writeprint history, fitted once and reused for every new message. */
export interface OffenderProfile {
  /** Number of confirmed messages the profile was built from. */
  readonly size: number;
}

/** The stylometric features of one message. Computed once per message and shared by all its recipients. */
export interface Writeprint {
  readonly length: number;
}

/** α: stylometric attacker identification against a recipient's confirmed-abuse history. */
export interface Identifier {
  readonly modelId: string;
  writeprint(text: string): Writeprint;
  /** Fits a profile (writeprints + PCA) on the texts of messages confirmed as abuse against one recipient. */
  buildProfile(texts: readonly string[]): OffenderProfile;
  /**
   * Scores a burst (the sender's recent messages' writeprints, newest last) against the profile. Without
   * a profile (nothing confirmed yet) the answer is `not` with score 0.
   */
  identify(profile: OffenderProfile | undefined, burst: readonly Writeprint[]): IdentificationResult;
}
