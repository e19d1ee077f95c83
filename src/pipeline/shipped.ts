// The pipeline as shipped: the trained detector and writeprint model and the affect dictionary from models/.
import { loadDetector } from '../detection/detector.js';
import { loadIdentifier } from '../identification/identifier.js';
import { loadDictionary } from '../personalisation/dictionary.js';
import { dictionaryMatcher } from '../personalisation/personalise.js';
import { ActsPipeline } from './pipeline.js';

export function loadShippedPipeline(): ActsPipeline {
  return new ActsPipeline(loadDetector(), loadIdentifier(), dictionaryMatcher(loadDictionary()));
}
