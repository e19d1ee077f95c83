// Bundles changed in ways the tamper property test (tamper-property.test.ts) found verify missed or threw
// on: each fails with a problem that says what is wrong, and verify never throws.
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrowth } from '../../src/evidence/verify/previous-bundle.js';
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

describe('acts verify on a changed signatures file', () => {
  const lines = (bytes: Buffer): string[] => bytes.toString('utf8').split('\n').slice(0, -1);
  const join = (l: string[]): string => `${l.join('\n')}\n`;

  it('fails a record signature line repeated, moved or swapped, or an added empty line', async () => {
    const repeated = copy({ signatures: (b) => join(lines(b).flatMap((l, i) => (i === 3 ? [l, l] : [l]))) });
    expect(await problemsOf(repeated)).toEqual(['signatures: lists record 3 twice']);
    const swapped = copy({ signatures: (b) => join(lines(b).map((l, i, all) => (i === 2 ? all[3]! : i === 3 ? all[2]! : l))) });
    expect(await problemsOf(swapped)).toEqual(['signatures: line 3 is for record 3, but record 2 comes next (lines were removed or reordered)', 'signatures: line 4 is for record 2, but record 4 comes next (lines were removed or reordered)']);
    const blank = copy({ signatures: (b) => join(lines(b).flatMap((l, i) => (i === 5 ? ['', l] : [l]))) });
    expect(await problemsOf(blank)).toEqual(['signatures: has an empty line 6']);
    const noBreak = copy({ signatures: (b) => b.subarray(0, -1) });
    expect(await problemsOf(noBreak)).toEqual(['signatures: does not end with a line break (it was cut or changed)']);
  });

  it('fails a second or misplaced manifest signature', async () => {
    const twice = copy({ signatures: (b) => join([...lines(b), lines(b).at(-1)!]) });
    expect(await problemsOf(twice)).toEqual([expect.stringMatching(/line \d+ comes after the manifest's signature/), 'signatures: holds a second signature of the manifest']);
    const early = copy({ signatures: (b) => join([lines(b)[0]!, lines(b).at(-1)!, ...lines(b).slice(1, -1)]) });
    expect(await problemsOf(early)).toContain("signatures: line 3 comes after the manifest's signature, which is the last line");
  });
});

describe('acts verify on a manifest with values of the wrong type', () => {
  const withManifest = (change: (manifest: Record<string, unknown>) => void): string =>
    copy({
      'manifest.json': (bytes) => {
        const manifest = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
        change(manifest);
        return JSON.stringify(manifest, null, 2).replace('"DEEP"', DEEP);
      },
    });
  const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

  it('names the field instead of throwing', async () => {
    const cases: Array<[(m: Record<string, unknown>) => void, string]> = [
      [(m) => (m.ranges = 137036053.7), 'ranges is not a list of chain ranges'],
      [(m) => (m.count = 'DEEP'), 'count is not a whole number'],
      [(m) => (m.format = 'DEEP'), 'format is object, expected acts-evidence-bundle/1'],
      [(m) => (m.keys = [...(m.keys as unknown[]), null]), 'keys is not a list of keys'],
      [(m) => ((m.checkpoint as Record<string, unknown>).sig = -5.2e-286), 'checkpoint is not a log checkpoint'],
      [(m) => ((m.consistency as Array<Record<string, unknown>>)[0]!.proof = 'DEEP'), 'consistency is not a list of consistency proofs'],
    ];
    for (const [change, message] of cases) {
      const problems = await problemsOf(withManifest(change));
      expect(problems).toEqual([expect.stringContaining(`manifest: cannot be read: ${message}`)]);
    }
    expect(await problemsOf(copy({ 'manifest.json': () => 'null' }))).toEqual(['manifest: cannot be read: format is undefined, expected acts-evidence-bundle/1']);
  });
});

describe('acts verify --previous with a malformed newer bundle', () => {
  it('reports that the newer manifest cannot be read instead of throwing', async () => {
    const previous = copy();
    const unreadable = "this bundle's manifest holds no log checkpoint that can be read, so it cannot show that it extends the previous bundle";
    // The same bundle as its own previous one: the logs are equal, so only the newer manifest decides.
    expect(await checkGrowth(copy(), previous)).toEqual([]);
    for (const manifest of ['', '{"format":', 'null', '[]', '{"checkpoint":5}', `{"consistency":${'['.repeat(100_000)}${']'.repeat(100_000)}}`]) {
      expect(await checkGrowth(copy({ 'manifest.json': () => manifest }), previous)).toEqual([{ scope: 'bundle', message: unreadable }]);
    }
    const missing = copy();
    rmSync(path.join(missing, 'manifest.json'));
    expect(await checkGrowth(missing, previous)).toEqual([{ scope: 'bundle', message: unreadable }]);
    const linked = copy();
    rmSync(path.join(linked, 'manifest.json'));
    symlinkSync('/dev/zero', path.join(linked, 'manifest.json'));
    expect(await checkGrowth(linked, previous)).toEqual([{ scope: 'bundle', message: unreadable }]);
  });
});

describe('acts verify on a record with a value nested too deeply', () => {
  it('names the record instead of overflowing the stack', async () => {
    const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const field of ['recipient', 'kind']) {
      const dir = copy({
        'records.jsonl': (bytes) => {
          const lines = bytes.toString('utf8').split('\n');
          lines[7] = lines[7]!.replace(new RegExp(`"${field}":"[^"]*"`), `"${field}":${DEEP}`);
          return lines.join('\n');
        },
      });
      const result = await verifyBundle(dir);
      expect(result.ok).toBe(false);
      expect(result.firstBad?.line).toBe(8);
      expect(result.problems[0]!.message).toBe('cannot be checked: a value in it is nested too deeply');
    }
  });
});

describe('acts verify on a signature with characters added', () => {
  it('fails the manifest signature when bytes outside base64 are inserted into it', async () => {
    // Buffer.from(…, 'base64') skips them, so the 64 decoded bytes are the same: only the spelling changed.
    for (const inserted of ['\u0007\u0018', '!', '-', '==']) {
      const dir = copy({ signatures: (bytes) => bytes.toString('utf8').replace(/^(manifest \S+ \S{10})/m, `$1${inserted}`) });
      expect(await problemsOf(dir)).toEqual(['manifest: does not match its signature (it was changed after export)']);
    }
  });
});

describe('acts verify on a proof line that is JSON but not a proof', () => {
  it('names the record whose proof cannot be read', async () => {
    for (const proof of ['null', '5', '"x"', '[]', '{"index":1.5,"path":[]}']) {
      const dir = copy({ 'proofs.jsonl': (bytes) => bytes.toString('utf8').replace(/^.*$/m, proof) });
      const result = await verifyBundle(dir);
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual(expect.objectContaining({ scope: 'record', line: 1, message: expect.stringMatching(/has an inclusion proof that cannot be read|is not leaf 1.5 of the signed log checkpoint/) }));
    }
  });
});

describe('acts verify on a bundle file it may not read', () => {
  // Root reads any file whatever its mode, so this only runs as another user; unreadable-bundle.test.ts
  // simulates the same error so that it is checked under root (CI) too.
  it.skipIf(process.getuid?.() === 0)('fails with the error as the problem instead of throwing', async () => {
    for (const name of ['records.jsonl', 'manifest.json', 'signatures', 'proofs.jsonl']) {
      const dir = copy();
      chmodSync(path.join(dir, name), 0o000);
      const problems = await problemsOf(dir);
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^bundle: cannot be checked: EACCES: permission denied, open '.*${name}'$`)));
    }
  });
});

describe('acts verify on a 50 MB line', () => {
  it('names the line in records.jsonl, in proofs.jsonl and as the manifest', async () => {
    const line = Buffer.concat([Buffer.from('{"v":1,"id":"'), Buffer.alloc(50_000_000, 0x61), Buffer.from('"}\n')]);
    const records = await verifyBundle(copy({ 'records.jsonl': (bytes) => Buffer.concat([bytes.subarray(0, bytes.indexOf(10) + 1), line, bytes.subarray(bytes.indexOf(10) + 1)]) }));
    expect(records.ok).toBe(false);
    expect(records.firstBad?.line).toBe(2);
    expect(records.problems[0]!.message).toBe('lacks the fields every record has (v, seq, prev, keyId, sig)');
    const proofs = await verifyBundle(copy({ 'proofs.jsonl': (bytes) => Buffer.concat([line, bytes]) }));
    expect(proofs.problems).toContainEqual(expect.objectContaining({ line: 1, message: 'has an inclusion proof that cannot be read' }));
    expect(await problemsOf(copy({ 'manifest.json': () => line }))).toEqual(['manifest: cannot be read: format is undefined, expected acts-evidence-bundle/1']);
  });
});

describe('acts verify quoting a changed bundle in its problems', () => {
  it('keeps each problem short when an id or a value it quotes is a megabyte long', async () => {
    const long = 'x'.repeat(1 << 20);
    const dir = copy({
      'records.jsonl': (bytes) => {
        const lines = bytes.toString('utf8').split('\n');
        lines[6] = lines[6]!.replace(/"id":"[^"]*"/, `"id":"${long}"`).replace(/"recipient":"[^"]*"/, `"recipient":"${long}"`);
        return lines.join('\n');
      },
      'manifest.json': (bytes) => bytes.toString('utf8').replace(/"anchorKeyId": "[^"]*"/, `"anchorKeyId": "${long}"`),
    });
    const result = await verifyBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(2);
    for (const problem of result.problems) {
      expect(problem.message.length).toBeLessThanOrEqual(500);
      expect((problem.id ?? '').length).toBeLessThanOrEqual(100);
    }
    expect(result.problems).toContainEqual(expect.objectContaining({ line: 7, id: `${'x'.repeat(99)}…` }));
  });
});
