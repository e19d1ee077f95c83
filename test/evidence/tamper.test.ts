// Every way of changing a bundle fails `acts verify`, which names the first bad record.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as verifyCommand } from '../../src/cli/commands/verify.js';
import type { EvidenceRecord } from '../../src/core/types.js';
import type { Manifest } from '../../src/evidence/bundle-format.js';
import { signRecord } from '../../src/evidence/record-codec.js';
import { fingerprint, signerFor } from '../../src/evidence/signing.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { capture, idOf, readLines, writeLines } from './bundle-helpers.js';

let temp: TempArchive;
let original: string;
let copies = 0;

beforeAll(async () => {
  temp = tempArchive();
  const archive = await temp.open();
  for (let n = 0; n < 8; n++) await archive.archive(analysis(n));
  original = path.join(temp.dir, 'original');
  await archive.exportBundle({ recipientKey: 'discord:U1', outDir: original, pdf: false });
  await archive.close();
});
afterAll(() => temp.cleanup());

function copy(): string {
  const dir = path.join(temp.dir, `copy-${++copies}`);
  cpSync(original, dir, { recursive: true });
  return dir;
}

async function expectFirstBad(dir: string, line: number, id: string, message: RegExp): Promise<void> {
  const result = await verifyBundle(dir);
  expect(result.ok).toBe(false);
  expect(result.firstBad).toEqual({ line, id });
  expect(result.problems.find((p) => p.scope === 'record')!.message).toMatch(message);
}

describe('acts verify on a changed bundle', () => {
  it('passes the untouched bundle', async () => {
    expect((await verifyBundle(original)).ok).toBe(true);
  });

  it('names the record when one byte of its text changed', async () => {
    const dir = copy();
    const lines = readLines(dir);
    lines[2] = lines[2]!.replace('message number 2', 'message number 3');
    writeLines(dir, lines);
    await expectFirstBad(dir, 3, idOf(lines[2]!), /signature that does not match its content/);
  });

  it('names the record when a changed byte is not even valid UTF-8', async () => {
    const dir = copy();
    const bytes = readFileSync(path.join(dir, 'records.jsonl'));
    const at = bytes.indexOf('message number 4');
    bytes[at] = 0xff;
    writeFileSync(path.join(dir, 'records.jsonl'), bytes);
    const result = await verifyBundle(dir);
    expect(result.firstBad?.line).toBe(5);
    expect(result.problems[0]!.message).toMatch(/not valid UTF-8/);
  });

  it('names the record after a removed one', async () => {
    const dir = copy();
    const lines = readLines(dir);
    lines.splice(3, 1);
    writeLines(dir, lines);
    await expectFirstBad(dir, 4, idOf(lines[3]!), /has chain position 4 after 2: a record is missing/);
  });

  it('names an inserted copy of another record', async () => {
    const dir = copy();
    const lines = readLines(dir);
    lines.splice(5, 0, lines[1]!);
    writeLines(dir, lines);
    await expectFirstBad(dir, 6, idOf(lines[1]!), /out of order or repeated/);
  });

  it('names the first of two swapped records', async () => {
    const dir = copy();
    const lines = readLines(dir);
    [lines[4], lines[5]] = [lines[5]!, lines[4]!];
    writeLines(dir, lines);
    await expectFirstBad(dir, 5, idOf(lines[4]!), /a record is missing|does not link/);
  });

  it('names a record re-signed by another key, even when that key is added to the manifest', async () => {
    const dir = copy();
    const lines = readLines(dir);
    const forger = signerFor(generateKeyPairSync('ed25519').privateKey);
    const { sig: _sig, ...record } = JSON.parse(lines[6]!) as EvidenceRecord;
    const forged = signRecord({ ...record, message: { ...record.message!, text: 'I never wrote anything bad' }, keyId: forger.keyId }, forger);
    lines[6] = forged.line;
    writeLines(dir, lines);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    manifest.keys.push({ keyId: forger.keyId, publicKey: forger.publicKey, fingerprint: fingerprint(forger.keyId) });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await expectFirstBad(dir, 7, record.id, /signed by key [0-9a-f]+, which is not a trusted key/);
    const problems = (await verifyBundle(dir)).problems.map((p) => p.message).join('\n');
    expect(problems).toMatch(/not endorsed/);
    expect(problems).toMatch(/does not match its signature/);
  });

  it('fails when the manifest was changed, or no longer matches the records', async () => {
    const dir = copy();
    const manifestFile = path.join(dir, 'manifest.json');
    writeFileSync(manifestFile, readFileSync(manifestFile, 'utf8').replace('"count": 8', '"count": 9'));
    const changed = await verifyBundle(dir);
    expect(changed.ok).toBe(false);
    expect(changed.firstBad).toBeUndefined();
    expect(changed.problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/does not match its signature/), expect.stringMatching(/count is 9 but the records show 8/)]));

    const truncated = copy();
    writeLines(truncated, readLines(truncated).slice(0, 7));
    const result = await verifyBundle(truncated);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/count is 8 but the records show 7/), expect.stringMatching(/^head is/)]));
  });

  it('acts verify exits 1 and prints the first bad record; 0 with an OK summary otherwise', async () => {
    const dir = copy();
    const lines = readLines(dir);
    lines[0] = lines[0]!.replace('you cannot hide', 'you cannot hidE');
    writeLines(dir, lines);
    const bad = await capture(() => verifyCommand([dir]));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`FAILED: first bad record: ${idOf(lines[0]!)} (records.jsonl line 1)`);
    const good = await capture(() => verifyCommand([original]));
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/^OK: 8 records for discord:U1/);
    const pinned = await capture(() => verifyCommand([original, '--key', 'ffff ffff ffff ffff']));
    expect(pinned.code).toBe(1);
  });
});
