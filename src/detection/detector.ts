// β: the shipped text classifier. `loadDetector` reads the model file once; `detect` is synchronous and
// allocation-light because it runs for every message on the hot path.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DetectionResult } from '../core/types.js';
import type { Detector } from '../pipeline/contracts.js';
import { applyPlatt } from './calibration.js';
import { decide } from './decision.js';
import { topFeatures } from './explain.js';
import { FeatureExtractor, type PreparedText } from './features.js';
import { lexiconLevels } from './lexicon.js';
import { decodeModel, ModelFileError, TABLE_STRIDE, type ModelHeader } from './model-file.js';
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

  constructor(
    readonly header: ModelHeader,
    private readonly table: Float32Array,
    contentHash: string,
  ) {
    this.modelId = `${header.name}@${contentHash.slice(0, 12)}`;
    const tokenizer = new WordTokenizer(lexiconLevels(header.lexicon), new Set(header.personNouns));
    this.extractor = new FeatureExtractor(header.spec, { table, stride: TABLE_STRIDE }, tokenizer);
  }

  scores(text: string): DetectionScores {
    return this.score(text).scores;
  }

  detect(text: string): DetectionResult {
    const { scores, doc } = this.score(text);
    const label = decide(this.header.thresholds, scores.offensive, scores.personInView);
    const result = { label, score: scores.offensive, targetedScore: scores.targeted, modelId: this.modelId } as DetectionResult;
    // Naming the features costs more than scoring; most readers (classify, the aggregator) never look,
    // so the list is computed on first read (and is an ordinary enumerable value after that).
    let features: string[] | undefined;
    Object.defineProperty(result, 'topFeatures', {
      enumerable: true,
      get: () => (features ??= label === 'not' ? [] : this.explain(doc)),
    });
    return result;
  }

  private explain(doc: PreparedText): string[] {
    return topFeatures(doc, this.extractor.extractPrepared(doc), this.header.spec, (b) => this.table[b * TABLE_STRIDE + 1] as number);
  }

  private score(text: string) {
    const doc = this.extractor.prepare(text);
    const v = this.extractor.extractPrepared(doc);
    const table = this.table;
    let mo = this.header.offensive.bias;
    let mt = this.header.targeted.bias;
    for (let k = 0; k < v.n; k++) {
      const at = (v.idx[k] as number) * TABLE_STRIDE;
      const x = v.val[k] as number;
      mo += (table[at + 1] as number) * x;
      mt += (table[at + 2] as number) * x;
    }
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
