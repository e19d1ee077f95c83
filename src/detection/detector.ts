// β: the shipped text classifier. `loadDetector` reads the model file once; `detect` is synchronous and
// allocation-light because it runs for every message on the hot path.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DetectionResult } from '../core/types.js';
import type { Detector } from '../pipeline/contracts.js';
import { applyPlatt } from './calibration.js';
import { decide } from './decision.js';
import { FastScorer } from './fast-scorer.js';
import { FeatureExtractor, type PreparedText } from './features.js';
import { lexiconLevels } from './lexicon.js';
import type { BucketTable } from './bucket-table.js';
import { decodeModel, ModelFileError, type ModelHeader } from './model-file.js';
import { personInView, WordTokenizer } from './tokens.js';

export const DEFAULT_MODEL_FILE = fileURLToPath(new URL('../../models/detector.bin', import.meta.url));

/** Scores without the label, for evaluation and for callers that apply their own thresholds. */
export interface DetectionScores {
  offensive: number;
  targeted: number;
  /** Someone is addressed or referred to (see decision.ts). */
  personInView: boolean;
}

export class LinearDetector implements Detector {
  readonly modelId: string;
  private readonly extractor: FeatureExtractor;
  private readonly scorer: FastScorer;
  /** The text being scored; reused, since nothing keeps it after `detect` or `scores` returns. */
  private readonly doc: PreparedText = { normalised: '', words: [], tokens: [], generation: 0 };

  constructor(
    readonly header: ModelHeader,
    table: BucketTable,
    contentHash: string,
  ) {
    this.modelId = `${header.name}@${contentHash.slice(0, 12)}`;
    const tokenizer = new WordTokenizer(lexiconLevels(header.lexicon), new Set(header.personNouns));
    // Only `prepare` (normalise and tokenise) is used here; the scorer reads the weights, so the extractor needs no idf.
    this.extractor = new FeatureExtractor(header.spec, null, tokenizer);
    this.scorer = new FastScorer(header.spec, table, header.offensive.bias, header.targeted.bias);
  }

  scores(text: string): DetectionScores {
    return this.score(text).scores;
  }

  detect(text: string): DetectionResult {
    const { scores, doc } = this.score(text);
    const label = decide(this.header.thresholds, scores.offensive, scores.personInView);
    // Only flagged and grey texts are explained: clean ones (most messages) skip the cost.
    const topFeatures = label === 'not' ? [] : this.scorer.explain(doc);
    return { label, score: scores.offensive, targetedScore: scores.targeted, topFeatures, modelId: this.modelId };
  }

  private score(text: string) {
    const doc = this.extractor.prepareInto(text, this.doc);
    this.scorer.score(doc);
    const mo = this.scorer.offensive;
    const mt = this.scorer.targeted;
    const scores: DetectionScores = {
      offensive: applyPlatt(this.header.offensive.platt, mo),
      targeted: applyPlatt(this.header.targeted.platt, mt),
      personInView: personInView(doc),
    };
    return { scores, doc };
  }
}

/** Loads the detector model (default `models/detector.bin`); throws ModelFileError for a missing, wrong or damaged file. */
export function loadDetector(file: string = DEFAULT_MODEL_FILE): LinearDetector {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ModelFileError(file, code === 'ENOENT' ? 'model file not found (run `npm run train`)' : `cannot read the model file (${code})`);
  }
  const { header, table } = decodeModel(bytes, file);
  return new LinearDetector(header, table, createHash('sha256').update(bytes).digest('hex'));
}
