// The `acts classify` contract, through the real command in a child process.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const ACTS = fileURLToPath(new URL('../../src/cli/acts.mjs', import.meta.url));

function classify(input: string | Buffer, args: string[] = []) {
  const r = spawnSync(process.execPath, [ACTS, 'classify', ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { id: string | number; verdict: string; score: number });
  return { code: r.status, lines, stderr: r.stderr };
}

describe('acts classify', () => {
  it('writes one verdict per valid line in input order; reports bad lines by number, skips them, exits 1', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'shut up you stupid idiot' }),
      JSON.stringify({ id: 7, text: 'see you at lunch tomorrow' }),
      'this is not json',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'empty', text: '' }),
      JSON.stringify({ id: 'huge', text: 'hello there friend '.repeat(50_000) }),
      JSON.stringify({ id: 'broken-unicode', text: '\ud800 lone \udfff' }),
      ...Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `n${i}`, text: i % 2 ? `you are a moron number ${i}` : `nice day number ${i}` })),
    ].join('\n');
    const r = classify(input);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/:3: not valid JSON/);
    expect(r.stderr).toMatch(/:4: "text" must be a string/);
    expect(r.lines.map((l) => l.id)).toEqual(['a', 7, 'empty', 'huge', 'broken-unicode', ...Array.from({ length: 300 }, (_, i) => `n${i}`)]);
    for (const l of r.lines) {
      expect(['clean', 'grey', 'cyberstalking']).toContain(l.verdict);
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
      expect(Object.keys(l)).toEqual(['id', 'verdict', 'score']);
    }
    expect(r.lines[0]?.verdict).toBe('cyberstalking');
    expect(r.lines[1]?.verdict).toBe('clean');
    expect(r.lines[2]?.verdict).toBe('clean');
  });

  it('reads --input files, exits 0 when every line is valid, and survives binary bytes', () => {
    const dir = tempDir('classify');
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, `\ufeff${JSON.stringify({ id: 1, text: 'good morning' })}\r\n${JSON.stringify({ id: 2, text: 'you idiot' })}\n`);
    const ok = classify('', ['--input', file]);
    expect(ok.code).toBe(0);
    expect(ok.lines.map((l) => l.id)).toEqual([1, 2]);
    // Invalid UTF-8 and NUL bytes: the bad line is reported, the next line still classified.
    const binary = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0a]), Buffer.from(`${JSON.stringify({ id: 'after', text: 'ok' })}\n`)]);
    const r = classify(binary);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/:1: /);
    expect(r.lines.map((l) => l.id)).toEqual(['after']);
  });

  it('explains itself with --help and names a missing input file', () => {
    const help = spawnSync(process.execPath, [ACTS, 'classify', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/usage: acts classify/);
    const missing = spawnSync(process.execPath, [ACTS, 'classify', '--input', '/nonexistent/x.jsonl'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/x.jsonl/);
  });
});
