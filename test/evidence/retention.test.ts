// Retention: expired records become signed tombstones accounted for by a signed retention-deletion record;
// the chain and the RFC 6962 log still verify; a legal hold stops it; a changed tombstone is detected.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import { openEvidenceArchive, type SignedEvidenceArchive } from '../../src/evidence/archive.js';
import { openStore } from '../../src/storage/open-store.js';
import type { KeyValueStore } from '../../src/storage/store.js';
import { APPEND_ONLY_PREFIXES } from '../../src/evidence/store-layout.js';
import { retentionCutoff } from '../../src/evidence/retention.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { readLines, writeLines } from './bundle-helpers.js';

let temp: TempArchive;
let clock: Date;
let archive: SignedEvidenceArchive;
let exports = 0;

const open = (): Promise<SignedEvidenceArchive> =>
  openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, encryptionKeyFile: temp.encryptionKeyFile, now: () => clock });
const rule = { rule: 'ACTS_RETENTION_DAYS=30' };

async function exportAll(recipientKey = 'discord:U1'): Promise<string> {
  const outDir = path.join(temp.dir, `bundle-${++exports}`);
  await archive.exportBundle({ recipientKey, outDir, pdf: false });
  return outDir;
}

async function all(recipientKey = 'discord:U1'): Promise<EvidenceRecord[]> {
  const out: EvidenceRecord[] = [];
  for await (const r of archive.records(recipientKey)) out.push(r);
  return out;
}

beforeEach(async () => {
  temp = tempArchive();
  clock = new Date('2024-03-01T00:00:00Z');
  archive = await open();
  for (let n = 0; n < 3; n++) await archive.archive(analysis(n));
  await archive.archive(analysis(9, {}, 'discord:U2'));
  clock = new Date('2024-04-15T00:00:00Z');
  for (let n = 3; n < 5; n++) await archive.archive(analysis(n));
  await archive.recordEdit({ platform: 'discord', messageId: 'm3' }, { text: 'edited later', editedAt: '2024-04-15T01:00:00Z' }).catch(() => []);
});
afterEach(async () => {
  await archive.close();
  temp.cleanup();
});

describe('retention', () => {
  it('replaces expired records by signed tombstones, keeps the rest, and the exported bundle still verifies', async () => {
    const before = await exportAll();
    const now = new Date('2024-04-20T00:00:00Z');
    const report = await archive.applyRetention({ cutoff: retentionCutoff(30, now), now: () => now, ...rule });
    expect(report).toMatchObject({ deleted: 4, recipients: 2, held: 0 });
    const records = await all();
    expect(records.slice(0, 3).map((r) => r.kind)).toEqual(['tombstone', 'tombstone', 'tombstone']);
    expect(records.slice(0, 3).every((r) => r.message === undefined && r.verdict === undefined)).toBe(true);
    expect(records[3]!.kind).toBe('message');
    const deletion = records[records.length - 1]!;
    expect(deletion.kind).toBe('retention-deletion');
    expect(deletion.retention!.rule).toBe('ACTS_RETENTION_DAYS=30');
    expect(deletion.retention!.records.map((r) => r.id)).toEqual(records.slice(0, 3).map((r) => r.id));
    expect(deletion.retention!.records[0]!.hash).toBe(records[0]!.tombstone!.hash);
    // The records themselves are gone from the store; only their tombstones remain.
    const tag = records[0]!.id.split('-')[0]!;
    expect(await archive.store.get(`r:${tag}:${'0'.padStart(12, '0')}`)).toBeUndefined();
    expect(await archive.store.get(`d:${tag}:${'0'.padStart(12, '0')}`)).toBeDefined();
    // Not a byte of the deleted text is left in the store file (it is encrypted anyway) nor in a new bundle.
    const after = await exportAll();
    const text = readFileSync(path.join(after, 'records.jsonl'), 'utf8');
    expect(text).not.toContain('message number 0');
    expect(text).toContain('message number 3');
    expect(readFileSync(path.join(after, 'report.html'), 'utf8')).toMatch(/3 record\(s\) of this period were deleted under ACTS_RETENTION_DAYS=30/);
    const result = await verifyBundle(after);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    // A bundle of an early period holds the tombstones and, with them, the record that accounts for them.
    const early = path.join(temp.dir, 'early');
    await archive.exportBundle({ recipientKey: 'discord:U1', outDir: early, pdf: false, to: new Date('2024-03-02T00:00:00Z') });
    const earlyKinds = readLines(early).map((l) => (JSON.parse(l) as EvidenceRecord).kind);
    expect(earlyKinds.filter((k) => k === 'tombstone')).toHaveLength(3);
    expect(earlyKinds[earlyKinds.length - 1]).toBe('retention-deletion');
    expect((await verifyBundle(early)).problems).toEqual([]);
    // The earlier bundle is still valid on its own, and the later one proves the log only grew.
    expect((await verifyBundle(before)).ok).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(after, 'manifest.json'), 'utf8')) as { consistency: unknown[] };
    expect(manifest.consistency.length).toBeGreaterThan(0);
  });

  it('appends after tombstones, survives reopening, and a second run deletes nothing more', async () => {
    const now = new Date('2024-04-20T00:00:00Z');
    await archive.applyRetention({ cutoff: retentionCutoff(30, now), now: () => now, ...rule });
    await archive.close();
    archive = await open();
    await archive.archive(analysis(7));
    expect((await archive.applyRetention({ cutoff: retentionCutoff(30, now), now: () => now, ...rule })).deleted).toBe(0);
    expect((await verifyBundle(await exportAll())).ok).toBe(true);
  });

  it('after a key rotation, expiring everything the old key signed leaves bundles that verify, anchored on the chain\'s first key', async () => {
    const rotation = await archive.rotateKey();
    clock = new Date('2024-05-20T00:00:00Z');
    await archive.archive(analysis(7));
    const now = new Date('2024-06-01T00:00:00Z');
    expect((await archive.applyRetention({ cutoff: retentionCutoff(30, now), now: () => now, ...rule })).deleted).toBe(6);
    const records = await all();
    // Every record the old key signed is now a tombstone signed by the new key; the hand-over stays.
    expect(records.filter((r) => r.keyId === rotation.previousKeyId).map((r) => r.kind)).toEqual([]);
    expect(records.map((r) => r.kind)).toContain('key-rotation');
    for (const recipient of ['discord:U1', 'discord:U2']) {
      const bundle = await exportAll(recipient);
      const result = await verifyBundle(bundle);
      expect(result.problems.map((p) => p.message), recipient).toEqual([]);
      expect(result.ok).toBe(true);
      const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')) as { anchorKeyId: string };
      expect(manifest.anchorKeyId, recipient).toBe(rotation.previousKeyId);
    }
  });

  it('a dry run counts and changes nothing', async () => {
    const now = new Date('2024-04-20T00:00:00Z');
    const report = await archive.applyRetention({ cutoff: retentionCutoff(30, now), dryRun: true, ...rule });
    expect(report.deleted).toBe(4);
    expect((await all()).some((r) => r.kind === 'tombstone' || r.kind === 'retention-deletion')).toBe(false);
  });

  it('a legal hold stops retention for that recipient only, and lifting it lets retention run', async () => {
    const holdId = await archive.setHold('discord:U1', true, 'court order 12/2024');
    expect(await archive.isHeld('discord:U1')).toBe(true);
    const now = new Date('2024-04-20T00:00:00Z');
    const report = await archive.applyRetention({ cutoff: retentionCutoff(30, now), ...rule });
    expect(report).toMatchObject({ deleted: 1, held: 1 });
    const records = await all();
    expect(records.filter((r) => r.kind === 'tombstone')).toEqual([]);
    const hold = records.find((r) => r.id === holdId)!;
    expect(hold).toMatchObject({ kind: 'legal-hold', hold: { on: true, reason: 'court order 12/2024' } });
    expect((await all('discord:U2'))[0]!.kind).toBe('tombstone');
    await archive.setHold('discord:U1', false);
    expect(await archive.isHeld('discord:U1')).toBe(false);
    expect((await archive.applyRetention({ cutoff: retentionCutoff(30, now), ...rule })).deleted).toBe(3);
    // The hold records themselves never expire.
    expect((await all()).filter((r) => r.kind === 'legal-hold')).toHaveLength(2);
    expect((await verifyBundle(await exportAll())).ok).toBe(true);
  });

  it('detects a changed tombstone, a forged hash in it, and a tombstone no deletion record accounts for', async () => {
    const now = new Date('2024-04-20T00:00:00Z');
    await archive.applyRetention({ cutoff: retentionCutoff(30, now), ...rule });
    const dir = await exportAll();
    const lines = readLines(dir);
    const changeTombstone = async (mutate: (t: Record<string, unknown>) => void, dropDeletion = false): Promise<string[]> => {
      const copy = lines.map((l) => l);
      const t = JSON.parse(copy[1]!) as Record<string, unknown>;
      mutate(t);
      copy[1] = JSON.stringify(t);
      writeLines(dir, dropDeletion ? copy.filter((l) => !l.includes('"retention-deletion"')) : copy);
      const result = await verifyBundle(dir);
      expect(result.ok).toBe(false);
      return result.problems.map((p) => p.message);
    };
    // The rule changed (content of the tombstone): its signature no longer matches.
    expect((await changeTombstone((t) => ((t.tombstone as Record<string, string>).rule = 'none'))).join('\n')).toMatch(/tombstone whose signature does not match/);
    // A different hash: it no longer links the chain nor leads to the signed root.
    const forged = (await changeTombstone((t) => ((t.tombstone as Record<string, string>).hash = 'a'.repeat(64)))).join('\n');
    expect(forged).toMatch(/does not link to the record before it/);
    // A tombstone without the record that accounts for it.
    expect((await changeTombstone(() => undefined, true)).join('\n')).toMatch(/no retention-deletion record/);
  });

  it('a run cut short after the tombstones were committed (before the content was deleted) is finished by the next run', async () => {
    await archive.close();
    const inner = await openStore({ url: temp.storeUrl, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES });
    let dies = true;
    const store: KeyValueStore = Object.assign(Object.create(inner) as KeyValueStore, {
      deleteMany: async (keys: readonly string[]) => {
        if (dies) throw new Error('process died');
        return inner.deleteMany(keys);
      },
    });
    archive = await openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, encryptionKeyFile: temp.encryptionKeyFile, store, now: () => clock });
    const now = new Date('2024-04-20T00:00:00Z');
    await expect(archive.applyRetention({ cutoff: retentionCutoff(30, now), ...rule })).rejects.toThrow('process died');
    // The run stopped at the first recipient it reached: there the tombstones already stand in for the
    // records (their content still in the store), and the bundle verifies.
    const cut = (await Promise.all(['discord:U1', 'discord:U2'].map(async (r) => ((await all(r))[0]!.kind === 'tombstone' ? r : undefined)))).filter((r) => r !== undefined);
    expect(cut).toHaveLength(1);
    expect((await verifyBundle(await exportAll(cut[0]))).ok).toBe(true);
    const tag = (await all(cut[0]))[0]!.id.split('-')[0]!;
    const recordKey = `r:${tag}:${'0'.padStart(12, '0')}`;
    expect(await inner.get(recordKey)).toBeDefined();
    dies = false;
    const report = await archive.applyRetention({ cutoff: retentionCutoff(30, now), ...rule });
    expect(report.deleted).toBe(4 - (cut[0] === 'discord:U2' ? 1 : 3));
    expect(await inner.get(recordKey)).toBeUndefined();
    for (const r of ['discord:U1', 'discord:U2']) expect((await verifyBundle(await exportAll(r))).ok).toBe(true);
    await archive.close();
    await inner.close();
    archive = await open();
  });
});

describe('legal hold after a crash', () => {
  it('on a store without atomic batches, a hold whose record was written but not its index is still in force after restart', async () => {
    const inner = await openStore({ url: 'memory://', namespace: 'evidence-hold' });
    let crashAfter: number | undefined;
    const store: KeyValueStore = Object.assign(Object.create(inner) as KeyValueStore, {
      writeBatch: async (entries: ReadonlyArray<readonly [string, string]>) => {
        if (crashAfter === undefined) return inner.writeBatch(entries);
        await inner.writeBatch(entries.slice(0, crashAfter));
        throw new Error('process died');
      },
    });
    const keyFile = path.join(temp.dir, 'hold-key.pem');
    const first = await openEvidenceArchive({ storeUrl: 'memory://', keyFile, store });
    await first.setHold('discord:U9', true);
    await first.setHold('discord:U9', false);
    crashAfter = 1; // the new legal-hold record is written; its index entry and the head hint are not
    await expect(first.setHold('discord:U9', true, 'subpoena')).rejects.toThrow('process died');
    crashAfter = undefined;
    const restarted = await openEvidenceArchive({ storeUrl: 'memory://', keyFile, store });
    expect((await restarted.applyRetention({ cutoff: new Date('2100-01-01T00:00:00Z'), ...rule })).held).toBe(1);
    expect(await restarted.isHeld('discord:U9')).toBe(true);
    await restarted.close();
  });
});
