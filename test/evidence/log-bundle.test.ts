// Bundles carry a signed checkpoint of the archive's RFC 6962 log and an inclusion proof per record;
// later bundles prove the log only grew. Every tampering with that fails verify.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as verifyCommand } from '../../src/cli/commands/verify.js';
import type { Manifest } from '../../src/evidence/bundle-format.js';
import { leafHash, verifyInclusion } from '../../src/evidence/merkle/rfc6962.js';
import { checkGrowth } from '../../src/evidence/verify/previous-bundle.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { capture, idOf, readLines } from './bundle-helpers.js';

let temp: TempArchive;
let first: string;
let second: string;
let copies = 0;

const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
const proofLines = (dir: string): string[] => readFileSync(path.join(dir, 'proofs.jsonl'), 'utf8').split('\n').filter(Boolean);
const writeProofLines = (dir: string, lines: string[]): void => writeFileSync(path.join(dir, 'proofs.jsonl'), lines.map((l) => `${l}\n`).join(''));
function copy(of: string): string {
  const dir = path.join(temp.dir, `copy-${++copies}`);
  cpSync(of, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  temp = tempArchive();
  const archive = await temp.open();
  for (let n = 0; n < 12; n++) await archive.archive(analysis(n, {}, n % 3 === 0 ? 'discord:U2' : 'discord:U1'));
  first = path.join(temp.dir, 'first');
  await archive.exportBundle({ recipientKey: 'discord:U1', outDir: first, pdf: false });
  for (let n = 12; n < 20; n++) await archive.archive(analysis(n, {}, n % 2 ? 'discord:U2' : 'discord:U1'));
  second = path.join(temp.dir, 'second');
  await archive.exportBundle({ recipientKey: 'discord:U1', outDir: second, pdf: false });
  await archive.close();
});
afterAll(() => temp.cleanup());

describe('the archive log in a bundle', () => {
  it('proves every record is a leaf of the signed checkpoint of the whole archive', async () => {
    const manifest = manifestOf(first);
    expect(manifest.checkpoint).toMatchObject({ size: 12, origin: expect.stringMatching(/^acts-evidence\//) });
    const records = readLines(first);
    const proofs = proofLines(first).map((l) => JSON.parse(l) as { index: number; path: string[] });
    expect(proofs).toHaveLength(records.length);
    expect(new Set(proofs.map((p) => p.index)).size).toBe(records.length);
    const root = Buffer.from(manifest.checkpoint.rootHash, 'hex');
    records.forEach((line, i) => expect(verifyInclusion(proofs[i]!.index, 12, leafHash(Buffer.from(line)), proofs[i]!.path.map((h) => Buffer.from(h, 'hex')), root)).toBe(true));
    expect((await verifyBundle(first)).problems).toEqual([]);
  });

  it('a later bundle proves the log only grew since the earlier one', async () => {
    const manifest = manifestOf(second);
    expect(manifest.checkpoint.size).toBe(20);
    expect(manifest.consistency).toEqual([{ size: 12, rootHash: manifestOf(first).checkpoint.rootHash, proof: expect.any(Array) }]);
    expect((await verifyBundle(second)).problems).toEqual([]);
    expect(await checkGrowth(second, first)).toEqual([]);
    const ok = await capture(() => verifyCommand([second, '--previous', first]));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`extends ${first}`);
    const backwards = await checkGrowth(first, second);
    expect(backwards[0]!.message).toMatch(/more than this one's 12: it is the newer one/);
  });

  it('names the record whose inclusion proof was changed by one bit, or points at another leaf', async () => {
    const flipped = copy(first);
    const lines = proofLines(flipped);
    const proof = JSON.parse(lines[2]!) as { index: number; path: string[] };
    proof.path[0] = (proof.path[0]![0] === '0' ? '1' : '0') + proof.path[0]!.slice(1);
    lines[2] = JSON.stringify(proof);
    writeProofLines(flipped, lines);
    const result = await verifyBundle(flipped);
    expect(result.firstBad).toEqual({ line: 3, id: idOf(readLines(flipped)[2]!) });
    expect(result.problems[0]!.message).toMatch(/inclusion proof does not lead to the signed root/);

    const moved = copy(first);
    const movedLines = proofLines(moved);
    const other = JSON.parse(movedLines[4]!) as { index: number };
    const mine = JSON.parse(movedLines[5]!) as { index: number; path: string[] };
    movedLines[5] = JSON.stringify({ ...mine, index: other.index });
    writeProofLines(moved, movedLines);
    const claimed = await verifyBundle(moved);
    expect(claimed.firstBad?.line).toBe(6);
    expect(claimed.problems[0]!.message).toMatch(/another record already claimed/);

    const removed = copy(first);
    writeProofLines(removed, proofLines(removed).slice(0, -1));
    const short = await verifyBundle(removed);
    expect(short.firstBad?.line).toBe(readLines(removed).length);
    expect(short.problems[0]!.message).toMatch(/has no inclusion proof/);
  });

  it('fails when the checkpoint or a consistency proof was changed', async () => {
    const dir = copy(second);
    const manifest = manifestOf(dir);
    manifest.checkpoint.rootHash = manifestOf(first).checkpoint.rootHash;
    manifest.consistency[0]!.proof[0] = manifest.consistency[0]!.proof[0]!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const problems = (await verifyBundle(dir)).problems.map((p) => p.message);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/log checkpoint whose signature does not match/)]));

    const consistency = copy(second);
    const m2 = manifestOf(consistency);
    m2.consistency[0]!.proof.pop();
    writeFileSync(path.join(consistency, 'manifest.json'), JSON.stringify(m2, null, 2));
    expect((await verifyBundle(consistency)).problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/consistency proof from the earlier log of 12 records does not hold/)]),
    );
  });
});
