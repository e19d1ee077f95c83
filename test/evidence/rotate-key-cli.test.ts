// `acts rotate-key`: an admin rotates the signing key with the bot stopped; bundles spanning the rotation
// verify, and the rotation refuses to run while a bot holds the data folder.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fingerprint } from '../../src/evidence/signing.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { capture, readLines } from './bundle-helpers.js';
import { exited, holdLockInChild } from '../harness/lock-holder.js';

let temp: TempArchive;
let env: NodeJS.ProcessEnv;
let holder: ChildProcess | undefined;
let firstKeyId: string;

beforeEach(async () => {
  temp = tempArchive();
  env = { ...process.env };
  process.env.ACTS_DATA_DIR = path.join(temp.dir, 'data');
  process.env.ACTS_STORE_URL = temp.storeUrl;
  process.env.ACTS_SIGNING_KEY_FILE = temp.keyFile;
  process.env.ACTS_EVIDENCE_KEY_FILE = temp.encryptionKeyFile;
  const archive = await temp.open();
  await archive.archive(analysis(1));
  await archive.archive(analysis(2, {}, 'telegram:42'));
  firstKeyId = archive.keyId;
  await archive.close();
});
afterEach(async () => {
  if (holder) {
    holder.kill('SIGKILL');
    await exited(holder);
    holder = undefined;
  }
  process.env = env;
  temp.cleanup();
});

describe('acts rotate-key', () => {
  it('hands every chain over to a new key; a bundle across the rotation verifies and names both keys', async () => {
    const rotated = await capture(() => main(['rotate-key']));
    expect(rotated.err).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain(`previous key ${fingerprint(firstKeyId)}`);
    expect(rotated.out).toMatch(/2 chains carry the hand-over/);
    const newFingerprint = /new key {6}([0-9a-f ]+)\n/.exec(rotated.out)?.[1];
    expect(newFingerprint).toBeDefined();
    expect(newFingerprint).not.toBe(fingerprint(firstKeyId));

    const archive = await temp.open();
    expect(fingerprint(archive.keyId)).toBe(newFingerprint);
    await archive.archive(analysis(3));
    await archive.close();

    const out = path.join(temp.dir, 'bundle');
    expect((await capture(() => main(['export', '--recipient', 'discord:U1', '--out', out, '--no-pdf']))).code).toBe(0);
    const kinds = readLines(out).map((line) => JSON.parse(line) as { kind: string; keyId: string });
    expect(kinds.map((r) => [r.kind, r.keyId === firstKeyId ? 'old' : 'new'])).toEqual([['message', 'old'], ['key-rotation', 'new'], ['message', 'new']]);
    const verified = await capture(() => main(['verify', out]));
    expect(verified.code).toBe(0);
    expect(verified.out).toContain(fingerprint(firstKeyId));
  });

  it('a bundle exported right after the rotation, before any new record, verifies (its manifest names the new key)', async () => {
    expect((await capture(() => main(['rotate-key']))).code).toBe(0);
    const out = path.join(temp.dir, 'bundle');
    expect((await capture(() => main(['export', '--recipient', 'telegram:42', '--out', out, '--no-pdf']))).code).toBe(0);
    const verified = await capture(() => main(['verify', out]));
    expect(verified.out + verified.err).not.toMatch(/FAILED/);
    expect(verified.code).toBe(0);
  });

  it('refuses while a bot holds the data folder, and changes nothing', async () => {
    const keyBefore = readFileSync(temp.keyFile, 'utf8');
    holder = await holdLockInChild(path.join(temp.dir, 'data'));
    const refused = await capture(() => main(['rotate-key']));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/another ACTS bot is running .*stop it first.*rotate while it is stopped/);
    expect(readFileSync(temp.keyFile, 'utf8')).toBe(keyBefore);
    const archive = await temp.open();
    expect(archive.keyId).toBe(firstKeyId);
    await archive.close();
  });

  it('takes no arguments', async () => {
    expect((await capture(() => main(['rotate-key', 'now']))).code).toBe(2);
  });
});
