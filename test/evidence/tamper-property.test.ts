// Property: any change to an exported bundle that touches what is signed or checked fails `acts verify`
// with at least one problem, and no bundle, however malformed, makes verify (or `--previous`) throw.
// Real bundles (see tamper-bundles.ts) get random single and multiple mutations (tamper-mutations.ts).
// report.html is exempt: the manifest does not cover it and verify does not read it (it is a rendering of
// the records for people), so a change there alone passes. TAMPER_RUNS=5000 explores further.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { failOnUnhandledRejections } from '../helpers/unhandled-rejections.js';
import { checkGrowth } from '../../src/evidence/verify/previous-bundle.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { tempDir } from '../helpers/temp-dir.js';
import { buildTamperBundles, type TamperBundles } from './tamper-bundles.js';
import { applyMutation, disguise, mutation, recordsMutation, toBundle, unchanged, writeBundle, type Mutation } from './tamper-mutations.js';

const RUNS = Number(process.env.TAMPER_RUNS ?? 150);
const ACTS = fileURLToPath(new URL('../../src/cli/acts.mjs', import.meta.url));

let bundles: TamperBundles;
let root: string;
let runs = 0;

beforeAll(async () => {
  bundles = await buildTamperBundles();
  root = tempDir('tamper');
});
failOnUnhandledRejections();

/** Writes a clean copy of a bundle, for the other side of `--previous`. */
function clean(which: keyof TamperBundles): string {
  const dir = path.join(root, `clean-${which}`);
  writeBundle(toBundle(bundles[which]), bundles[which], dir, path.join(root, `clean-${which}-elsewhere`));
  return dir;
}

describe('acts verify on randomly changed bundles', () => {
  it('the bundles verify untouched, and the later one extends the earlier', async () => {
    for (const which of ['previous', 'full', 'selection'] as const) expect((await verifyBundle(clean(which))).problems).toEqual([]);
    expect(await checkGrowth(path.join(root, 'clean-full'), path.join(root, 'clean-previous'))).toEqual([]);
  });

  it('fails every change to a checked file, names a problem, and never throws', async () => {
    const previousDir = clean('previous');
    const fullDir = clean('full');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<keyof TamperBundles>('previous', 'full', 'selection'), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
        const original = bundles[which];
        const bundle = toBundle(original);
        for (const m of mutations) applyMutation(bundle, m, bundles);
        const dir = path.join(root, `run-${++runs}`);
        const elsewhere = `${dir}-elsewhere`;
        try {
          writeBundle(bundle, original, dir, elsewhere);
          const result = await verifyBundle(dir);
          // An older bundle changed must also fail `--previous`; a changed newer one must not make it throw.
          const growth = which === 'previous' ? await checkGrowth(fullDir, dir) : await checkGrowth(dir, previousDir);
          if (unchanged(bundle, bundles)) return;
          expect(result.ok).toBe(false);
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.message).toMatch(/\S/);
          if (which === 'previous') expect(growth.length).toBeGreaterThan(0);
        } finally {
          rmSync(dir, { recursive: true, force: true });
          rmSync(elsewhere, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS },
    );
  }, Math.max(30_000, RUNS * 50));

  it('finds a change to records.jsonl by the records alone, when the signatures file and the manifest\'s file hash were made to match', async () => {
    // Only the manifest's signature and its file hashes are left out: the chain, the record signatures, the
    // inclusion proofs and the manifest's claims (count, head, period, ranges) must show the change.
    const hidden = /does not match its signature \(it was changed after export\)|states another SHA-256 or size of records.jsonl/;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<keyof TamperBundles>('previous', 'full', 'selection'), fc.array(recordsMutation, { minLength: 1, maxLength: 2 }), async (which, mutations) => {
        const bundle = toBundle(bundles[which]);
        for (const m of mutations) applyMutation(bundle, m, bundles);
        const entry = bundle.get('records.jsonl');
        if (entry?.type === 'file' && entry.bytes.equals(bundles[which].get('records.jsonl')!)) return;
        disguise(bundle);
        const dir = path.join(root, `run-${++runs}`);
        try {
          writeBundle(bundle, bundles[which], dir, `${dir}-elsewhere`);
          const result = await verifyBundle(dir);
          expect(result.ok).toBe(false);
          expect(result.problems.filter((p) => !hidden.test(p.message))).not.toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
          rmSync(`${dir}-elsewhere`, { recursive: true, force: true });
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, Math.max(30_000, RUNS * 50));

  it('acts verify exits non-zero without a stack trace on mutated bundles, with and without --previous', async () => {
    const previousDir = clean('previous');
    const cases: Array<{ which: keyof TamperBundles; mutations: Mutation[]; previous?: boolean }> = [
      { which: 'full', mutations: [{ kind: 'json', file: 'records.jsonl', line: 7, path: 8, change: { type: 'deep' } }] },
      { which: 'full', mutations: [{ kind: 'replace', file: 'manifest.json', with: 'garbage', seed: new Uint8Array([0x8f, 0x7b, 0x22]) }], previous: true },
      { which: 'selection', mutations: [{ kind: 'folder', file: 'signatures' }, { kind: 'lines', file: 'records+proofs', op: 'drop', i: 2, j: 0 }] },
      { which: 'full', mutations: [{ kind: 'json', file: 'manifest.json', line: 0, path: 10, change: { type: 'set', value: 137036053.7 } }], previous: true },
      { which: 'full', mutations: [{ kind: 'symlink', file: 'records.jsonl', to: 'copy' }], previous: true },
    ];
    const dirs = cases.map(({ which, mutations }, i) => {
      const bundle = toBundle(bundles[which]);
      for (const m of mutations) applyMutation(bundle, m, bundles);
      const dir = path.join(root, `cli-${i}`);
      writeBundle(bundle, bundles[which], dir, `${dir}-elsewhere`);
      return dir;
    });
    // The newer bundle is fine and the older one was changed: --previous alone fails.
    cases.push({ which: 'full', mutations: [], previous: true });
    const brokenPrevious = path.join(root, 'cli-broken-previous');
    const bundle = toBundle(bundles.previous);
    applyMutation(bundle, { kind: 'replace', file: 'manifest.json', with: 'deep-json', seed: new Uint8Array([1]) }, bundles);
    writeBundle(bundle, bundles.previous, brokenPrevious, `${brokenPrevious}-elsewhere`);
    dirs.push(clean('full'));
    const run = promisify(execFile);
    const results = await Promise.all(
      cases.map(async ({ previous }, i) => {
        const args = [ACTS, 'verify', dirs[i]!, ...(previous ? ['--previous', i === cases.length - 1 ? brokenPrevious : previousDir] : [])];
        try {
          const { stdout, stderr } = await run(process.execPath, args, { encoding: 'utf8' });
          return { code: 0, stdout, stderr };
        } catch (error) {
          const failed = error as { code?: number; stdout: string; stderr: string };
          return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
        }
      }),
    );
    for (const [i, result] of results.entries()) {
      expect(result.code, `case ${i}: ${result.stderr}`).toBe(1);
      expect(result.stdout).toMatch(/^FAILED: /);
      expect(result.stderr).not.toMatch(/\n\s+at |Error:|Unhandled/);
    }
    expect(results.at(-1)!.stdout).toContain('does not verify on its own');
  });
});
