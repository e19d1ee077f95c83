// Bundles changed in ways the tamper property test (tamper-property.test.ts) found verify missed or threw
// on: each fails with a problem that says what is wrong, and verify never throws.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { tempDir } from '../helpers/temp-dir.js';
import { buildTamperBundles, type BundleFiles } from './tamper-bundles.js';

let full: BundleFiles;
let root: string;
let copies = 0;

beforeAll(async () => {
  ({ full } = await buildTamperBundles());
  root = tempDir('malformed');
});

/** A fresh copy of the full bundle, with `change` applied to the named files (bytes in, bytes out). */
function copy(change: Record<string, (bytes: Buffer) => Buffer | string> = {}): string {
  const dir = path.join(root, `copy-${++copies}`);
  mkdirSync(dir);
  for (const [name, bytes] of full) writeFileSync(path.join(dir, name), change[name]?.(bytes) ?? bytes);
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  const result = await verifyBundle(dir);
  expect(result.ok).toBe(false);
  return result.problems.map((p) => `${p.scope}: ${p.message}`);
}

describe('acts verify on malformed bundles', () => {
  it('fails a bundle file that is a symbolic link, even to an identical copy, or a folder or a device', async () => {
    const elsewhere = path.join(root, 'elsewhere');
    mkdirSync(elsewhere);
    for (const name of ['records.jsonl', 'manifest.json', 'signatures', 'proofs.jsonl']) {
      const linked = copy();
      rmSync(path.join(linked, name));
      writeFileSync(path.join(elsewhere, name), full.get(name)!);
      symlinkSync(path.join(elsewhere, name), path.join(linked, name));
      expect(await problemsOf(linked)).toEqual([`bundle: ${name} is a symbolic link, not a file of the bundle: the evidence must be in the bundle folder itself`]);
      const folder = copy();
      rmSync(path.join(folder, name));
      mkdirSync(path.join(folder, name));
      expect(await problemsOf(folder)).toEqual([`bundle: ${name} is not a plain file (it is a folder or a device)`]);
    }
    const device = copy();
    rmSync(path.join(device, 'records.jsonl'));
    symlinkSync('/dev/zero', path.join(device, 'records.jsonl'));
    expect(await problemsOf(device)).toEqual([expect.stringMatching(/records.jsonl is a symbolic link/)]);
  });
});
