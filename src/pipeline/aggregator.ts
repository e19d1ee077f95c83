// The aggregator: α (identification), β (detection) and λ (personalisation) into 0 / ? / 1.
// The truth table below is the documented contract (README "Aggregator truth table"); a test checks
// every row. Two overrides come first: a sender on the recipient's known-offender list is always 1, and
// a text the recipient marked "not harassment" from that sender is 0.
import type { ModuleLabel, ModuleResults, Verdict, VerdictLabel } from '../core/types.js';

type Code = '0' | '?' | '1';

const CODE: Record<ModuleLabel, Code> = { not: '0', grey: '?', cyberstalking: '1' };
const LABEL: Record<Code, VerdictLabel> = { '0': 'clean', '?': 'grey', '1': 'cyberstalking' };

/** Keyed by α β λ. */
export const TRUTH_TABLE: Readonly<Record<string, Code>> = {
  // λ = 0: nothing personal or dictionary matched
  '000': '0',
  '0?0': '?',
  '010': '1',
  '?00': '?',
  '??0': '1', // two independent doubts about the same message
  '?10': '1',
  '100': '1', // a confirmed stalker's style, even in harmless words
  '1?0': '1',
  '110': '1',
  // λ = 1: a personal rule or a dictionary entry matched
  '001': '?',
  '0?1': '1',
  '011': '1',
  '?01': '1',
  '??1': '1',
  '?11': '1',
  '101': '1',
  '1?1': '1',
  '111': '1',
};

/**
 * Noisy-OR of the module signals: a ranking score 0..1, not a probability of any one module. α counts only
 * past r1: its score is P(same writer) at even odds, so every innocent burst would otherwise add ~0.3.
 */
function combinedScore(modules: ModuleResults): number {
  const lambda = modules.personalisation.value === 1 ? 0.5 : 0;
  const alpha = modules.identification.label === 'not' ? 0 : modules.identification.score;
  return 1 - (1 - modules.detection.score) * (1 - alpha) * (1 - lambda);
}

export function aggregate(modules: ModuleResults): Verdict {
  const score = combinedScore(modules);
  if (modules.offender.listed) return { label: 'cyberstalking', score: 1, rule: 'known-offender', modules };
  if (modules.personalisation.allowed) return { label: 'clean', score, rule: 'allowed-by-recipient', modules };
  const key = `${CODE[modules.identification.label]}${CODE[modules.detection.label]}${modules.personalisation.value}`;
  const code = TRUTH_TABLE[key]!;
  return { label: LABEL[code], score, rule: `α=${key[0]} β=${key[1]} λ=${key[2]}`, modules };
}
