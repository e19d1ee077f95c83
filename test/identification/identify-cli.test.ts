import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';
import { OTHER_WRITER, STALKER_HISTORY, STALKER_NEW_ACCOUNT } from './fixtures.js';

const ACTS = fileURLToPath(new URL('../../src/cli/acts.mjs', import.meta.url));
const dir = tempDir('identify');
const jsonl = (rows: unknown[]): string => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const file = (name: string, content: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const known = file('known.jsonl', jsonl(STALKER_HISTORY.map((text, i) => ({ id: `k${i}`, text }))));

function acts(args: string[], input = ''): { code: number | null; out: Array<{ id: string | number; verdict: string; score: number }>; err: string } {
  const r = spawnSync(process.execPath, [ACTS, 'identify', ...args], { input, encoding: 'utf8' });
  const out = r.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { id: string | number; verdict: string; score: number });
  return { code: r.status, out, err: r.stderr };
}

describe('acts identify', () => {
  it('answers every line in input order, judging a multi-line text as one burst', () => {
    const input = jsonl([
      { id: 'other', text: OTHER_WRITER.join('\n') },
      { id: 'stalker', text: STALKER_NEW_ACCOUNT.join('\n') },
      { id: 7, text: STALKER_NEW_ACCOUNT[0] },
      { id: 'empty', text: '' },
    ]);
    const r = acts(['--known', known], input);
    expect(r.code).toBe(0);
    expect(r.out.map((o) => o.id)).toEqual(['other', 'stalker', 7, 'empty']);
    for (const o of r.out) {
      expect(['clean', 'grey', 'cyberstalking']).toContain(o.verdict);
      expect(o.score).toBeGreaterThanOrEqual(0);
      expect(o.score).toBeLessThanOrEqual(1);
      expect(Object.keys(o).sort()).toEqual(['id', 'score', 'verdict']);
    }
    const score = Object.fromEntries(r.out.map((o) => [o.id, o.score]));
    expect(score.stalker).toBeGreaterThan(score.other!);
    expect(r.out[3]).toMatchObject({ verdict: 'clean', score: 0 });
  });

  it('reads --input from a file, reports malformed lines by number, skips them and exits 1', () => {
    const input = file('input.jsonl', jsonl([{ id: 'a', text: 'hi there' }, '{not json', { id: 'b' }, { id: 'c', text: 'bye :P' }]));
    const r = acts(['--known', known, '--input', input]);
    expect(r.code).toBe(1);
    expect(r.out.map((o) => o.id)).toEqual(['a', 'c']);
    expect(r.err).toMatch(/:2: not valid JSON/);
    expect(r.err).toMatch(/:3: "text" must be a string/);
  });

  it('reports a malformed KNOWN line and still uses the good ones', () => {
    const k = file('known-bad.jsonl', jsonl([...STALKER_HISTORY.map((text, i) => ({ id: i, text })), '[1,2]']));
    const r = acts(['--known', k], jsonl([{ id: 'x', text: STALKER_NEW_ACCOUNT.join('\n') }]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`:${STALKER_HISTORY.length + 1}: expected an object`));
    expect(r.out.map((o) => o.id)).toEqual(['x']);
  });

  it('refuses a missing --known, an empty KNOWN file and an unreadable one with a clear error', () => {
    const missing = acts([], '');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--known KNOWN\.jsonl is required/);
    const empty = acts(['--known', file('empty.jsonl', '\n')], '');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/no usable message/);
    const absent = acts(['--known', path.join(dir, 'nope.jsonl')], '');
    expect(absent.code).toBe(2);
    expect(absent.err).toMatch(/cannot read/);
    expect(absent.out).toEqual([]);
  });

  it('prints help', () => {
    const r = spawnSync(process.execPath, [ACTS, 'identify', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: acts identify --known/);
  });
});
