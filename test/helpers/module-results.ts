// Builders for module results, so pipeline tests state only what matters to them.
import type { DetectionResult, IdentificationResult, ModuleLabel, ModuleResults, PersonalisationResult } from '../../src/core/types.js';

export function detection(label: ModuleLabel, score = label === 'cyberstalking' ? 0.9 : label === 'grey' ? 0.5 : 0.1): DetectionResult {
  return { label, score, topFeatures: [], modelId: 'test' };
}

export function identification(label: ModuleLabel, score = label === 'cyberstalking' ? 0.95 : label === 'grey' ? 0.6 : 0): IdentificationResult {
  return { label, score, burstSize: 1, historySize: 0, details: {} };
}

export function personalisation(value: 0 | 1, allowed = false): PersonalisationResult {
  return { value, matches: value ? [{ source: 'rule', id: 'r1', description: 'word x' }] : [], allowed };
}

export function modules(alpha: ModuleLabel, beta: ModuleLabel, lambda: 0 | 1, listed = false, allowed = false): ModuleResults {
  return {
    offender: { listed, senderKey: 'telegram:1' },
    detection: detection(beta),
    identification: identification(alpha),
    personalisation: personalisation(lambda, allowed),
  };
}
