import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModuleLabel, VerdictLabel } from '../../src/core/types.js';
import { aggregate, TRUTH_TABLE } from '../../src/pipeline/aggregator.js';
import { modules } from '../helpers/module-results.js';

const LABELS: ModuleLabel[] = ['not', 'grey', 'cyberstalking'];

/** The policy in words: any module sure → 1; λ plus any doubt → 1; two doubts → 1; one doubt or λ alone → ?; else 0. */
function expected(alpha: ModuleLabel, beta: ModuleLabel, lambda: 0 | 1): VerdictLabel {
  const sure = alpha === 'cyberstalking' || beta === 'cyberstalking';
  const doubts = (alpha === 'grey' ? 1 : 0) + (beta === 'grey' ? 1 : 0);
  if (sure || doubts + lambda >= 2) return 'cyberstalking';
  if (doubts + lambda === 1) return 'grey';
  return 'clean';
}

const rows = LABELS.flatMap((a) => LABELS.flatMap((b) => ([0, 1] as const).map((l) => [a, b, l] as const)));

describe('aggregator truth table', () => {
  it('has exactly the 18 rows of α × β × λ', () => {
    expect(Object.keys(TRUTH_TABLE)).toHaveLength(18);
  });

  it.each(rows)('α=%s β=%s λ=%s', (alpha, beta, lambda) => {
    const verdict = aggregate(modules(alpha, beta, lambda));
    expect(verdict.label).toBe(expected(alpha, beta, lambda));
    expect(verdict.rule).toMatch(/^α=[0?1] β=[0?1] λ=[01]$/);
  });

  it('flags a known offender whatever the modules say', () => {
    const verdict = aggregate(modules('not', 'not', 0, true));
    expect(verdict).toMatchObject({ label: 'cyberstalking', rule: 'known-offender', score: 1 });
  });

  it('clears a text the recipient marked as not harassment', () => {
    expect(aggregate(modules('not', 'cyberstalking', 1, false, true))).toMatchObject({ label: 'clean', rule: 'allowed-by-recipient' });
  });

  it('scores monotonically in each signal', () => {
    expect(aggregate(modules('not', 'grey', 1)).score).toBeGreaterThan(aggregate(modules('not', 'grey', 0)).score);
    expect(aggregate(modules('grey', 'not', 0)).score).toBeGreaterThan(aggregate(modules('not', 'not', 0)).score);
  });

  it('matches the table documented in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Aggregator truth table'));
    const code = { clean: '0', grey: '?', cyberstalking: '1' } as const;
    const documented = [...section.matchAll(/^\| ([0?1]) \| ([0?1]) \| ([01]) \| ([0?1]) \|/gm)].map((m) => `${m[1]}${m[2]}${m[3]}=${m[4]}`);
    const fromCode = rows.map(([a, b, l]) => `${code[a === 'not' ? 'clean' : a === 'grey' ? 'grey' : 'cyberstalking']}${code[b === 'not' ? 'clean' : b === 'grey' ? 'grey' : 'cyberstalking']}${l}=${code[aggregate(modules(a, b, l)).label]}`);
    expect(documented.sort()).toEqual(fromCode.sort());
  });
});
