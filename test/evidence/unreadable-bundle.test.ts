// A bundle file that cannot be read (EACCES for a non-root user; here simulated so that it also runs as
// root, which reads any file whatever its mode) fails verify with the error as the problem: no exception.
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { tempDir } from '../helpers/temp-dir.js';
import { buildTamperBundles, type BundleFiles } from './tamper-bundles.js';

vi.mock('../../src/evidence/line-reader.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/evidence/line-reader.js')>();
  return {
    ...original,
    readByteLines: (file: string, ...rest: unknown[]) => {
      if (!file.includes(`${path.sep}unreadable-`)) return (original.readByteLines as (...a: unknown[]) => unknown)(file, ...rest);
      const error = Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
      return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
    },
  };
});

let full: BundleFiles;
let root: string;

beforeAll(async () => {
  ({ full } = await buildTamperBundles());
  root = tempDir('unreadable');
});

describe('acts verify on a bundle file it may not read', () => {
  it('fails with the error as the problem instead of throwing', async () => {
    const dir = path.join(root, 'unreadable-1');
    mkdirSync(dir);
    for (const [name, bytes] of full) writeFileSync(path.join(dir, name), bytes);
    const result = await verifyBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => `${p.scope}: ${p.message}`)).toContainEqual(expect.stringMatching(/^bundle: cannot be checked: EACCES: permission denied, open '.*records\.jsonl'$/));
  });

  it('reads the same bundle in a folder of another name (the simulation touches only that one)', async () => {
    const dir = path.join(root, 'readable-1');
    mkdirSync(dir);
    for (const [name, bytes] of full) writeFileSync(path.join(dir, name), bytes);
    expect((await verifyBundle(dir)).ok).toBe(true);
  });
});
