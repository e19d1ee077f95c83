import { readFileSync, renameSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/evidence/bundle-format.js';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { KeyvStore } from '../../src/storage/keyv-store.js';
import type { KeyValueStore } from '../../src/storage/store.js';
import Keyv from 'keyv';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { readLines } from './bundle-helpers.js';

let temp: TempArchive;
afterEach(() => temp?.cleanup());

describe('signing key rotation', () => {
  it('signs new records with the new key, records the hand-over in every chain, and old records stay verifiable', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    for (let n = 0; n < 3; n++) await archive.archive(analysis(n));
    await archive.archive(analysis(9, {}, 'discord:U2'));
    const oldKey = archive.keyId;
    const rotation = await archive.rotateKey();
    expect(rotation).toEqual({ previousKeyId: oldKey, keyId: archive.keyId, chains: 2 });
    expect(archive.keyId).not.toBe(oldKey);
    expect(statSync(temp.keyFile).mode & 0o777).toBe(0o600);
    for (let n = 3; n < 5; n++) await archive.archive(analysis(n));
    await archive.archive(analysis(20, {}, 'discord:U3'));
    const out = path.join(temp.dir, 'u1');
    await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
    const late = path.join(temp.dir, 'u1-after');
    await archive.exportBundle({ recipientKey: 'discord:U1', outDir: late, pdf: false, from: new Date('2024-03-01T12:00:03Z') });
    const fresh = path.join(temp.dir, 'u3');
    await archive.exportBundle({ recipientKey: 'discord:U3', outDir: fresh, pdf: false });
    await archive.close();

    const kinds = readLines(out).map((l) => [JSON.parse(l).kind, JSON.parse(l).keyId === oldKey ? 'old' : 'new']);
    expect(kinds).toEqual([['message', 'old'], ['message', 'old'], ['message', 'old'], ['key-rotation', 'new'], ['message', 'new'], ['message', 'new']]);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.anchorKeyId).toBe(oldKey);
    expect(manifest.keys.map((k) => k.keyId)).toEqual(expect.arrayContaining([oldKey, rotation.keyId]));
    for (const dir of [out, late, fresh]) expect((await verifyBundle(dir)).problems).toEqual([]);

    const reopened = await temp.open();
    expect(reopened.keyId).toBe(rotation.keyId);
    await reopened.close();
  });

  it('finishes a rotation interrupted after the archive switched keys, and abandons one interrupted before', async () => {
    temp = tempArchive();
    let archive = await temp.open();
    await archive.archive(analysis(0));
    const oldPem = readFileSync(temp.keyFile);
    const { keyId } = await archive.rotateKey();
    await archive.close();
    // The state a crash leaves after the store named the new key active but before the key file was replaced.
    renameSync(temp.keyFile, `${temp.keyFile}.next`);
    writeFileSync(temp.keyFile, oldPem, { mode: 0o600 });
    archive = await temp.open();
    expect(archive.keyId).toBe(keyId);
    expect(existsSync(`${temp.keyFile}.next`)).toBe(false);
    await archive.archive(analysis(1));
    await archive.close();

    // A next key the store never heard of is discarded: the current key stays in force.
    writeFileSync(`${temp.keyFile}.next`, oldPem, { mode: 0o600 });
    archive = await temp.open();
    expect(archive.keyId).toBe(keyId);
    expect(existsSync(`${temp.keyFile}.next`)).toBe(false);
    const out = path.join(temp.dir, 'bundle');
    await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
    await archive.close();
    expect((await verifyBundle(out)).problems).toEqual([]);
  });

  it('refuses to start with a key file that is not the archive\u2019s key', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    await archive.archive(analysis(0));
    await archive.close();
    renameSync(temp.keyFile, `${temp.keyFile}.lost`);
    await expect(temp.open()).rejects.toThrow(/is not the archive's active key/);
  });

  it('writes the hand-over record before the next record of a chain the rotation could not reach', async () => {
    temp = tempArchive();
    const inner = new KeyvStore('memory', new Keyv<string>({ namespace: 'evidence' }));
    let failRotationRecords = false;
    const store: KeyValueStore = Object.assign(Object.create(inner) as KeyValueStore, {
      writeBatch: async (entries: ReadonlyArray<readonly [string, string]>) => {
        if (failRotationRecords && entries.some(([, v]) => v.includes('"kind":"key-rotation"'))) throw new Error('disk full');
        return inner.writeBatch(entries);
      },
    });
    const archive = await openEvidenceArchive({ storeUrl: 'memory://', keyFile: temp.keyFile, store });
    await archive.archive(analysis(0));
    failRotationRecords = true;
    await expect(archive.rotateKey()).rejects.toThrow(/disk full/);
    failRotationRecords = false;
    await archive.archive(analysis(1));
    const out = path.join(temp.dir, 'bundle');
    await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
    await archive.close();
    expect(readLines(out).map((l) => JSON.parse(l).kind)).toEqual(['message', 'key-rotation', 'message']);
    expect((await verifyBundle(out)).problems).toEqual([]);
  });
});
