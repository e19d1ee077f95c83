// Combination bugs the model-based lifecycle test (lifecycle.test.ts) found, each shrunk to the shortest
// sequence of operations that showed it.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import { openEvidenceArchive, type SignedEvidenceArchive } from '../../src/evidence/archive.js';
import { exportBundle, type BundleSource } from '../../src/evidence/export/export-bundle.js';
import { MerkleLog, treeLayout } from '../../src/evidence/merkle/merkle-log.js';
import type { KeyValueStore } from '../../src/storage/store.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

let temp: TempArchive;
const open: SignedEvidenceArchive[] = [];
afterEach(async () => {
  for (const archive of open.splice(0)) await archive.close();
  temp?.cleanup();
});

async function openArchive(now: () => Date): Promise<SignedEvidenceArchive> {
  const archive = await openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, encryptionKeyFile: temp.encryptionKeyFile, now });
  open.push(archive);
  return archive;
}

async function kinds(archive: SignedEvidenceArchive, recipient: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of archive.records(recipient) as AsyncIterable<EvidenceRecord>) out.push(r.kind);
  return out;
}

describe('evidence lifecycle combinations', () => {
  it("the bot's retention run also deletes what another process (acts scan) archived for a chain the bot had already read", async () => {
    temp = tempArchive();
    let clock = new Date('2024-03-01T00:00:00Z');
    const bot = await openArchive(() => clock);
    await bot.setHold('discord:U1', false);
    // `acts scan` beside the running bot: the bot's cached view of U1's chain is now stale.
    const scan = await openArchive(() => clock);
    await scan.archive(analysis(1));
    clock = new Date('2024-03-02T01:00:00Z');
    const report = await bot.applyRetention({ cutoff: new Date('2024-03-01T12:00:00Z'), rule: 'ACTS_RETENTION_DAYS=1', now: () => clock });
    expect(report.deleted).toBe(1);
    expect(await kinds(bot, 'discord:U1')).toEqual(['legal-hold', 'tombstone', 'retention-deletion']);
    const out = path.join(temp.dir, 'bundle');
    await bot.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
    expect((await verifyBundle(out)).problems).toEqual([]);
  });

  it('acts retention and the bot\'s daily retention at the same time both finish, and each expired record is deleted once', async () => {
    temp = tempArchive();
    const clock = new Date('2024-03-01T00:00:00Z');
    const bot = await openArchive(() => clock);
    for (let n = 0; n < 5; n++) await bot.archive(analysis(n));
    await bot.archive(analysis(9, {}, 'discord:U2'));
    const admin = await openArchive(() => clock);
    const cutoff = new Date('2024-04-01T00:00:00Z');
    const runs = await Promise.allSettled([
      bot.applyRetention({ cutoff, rule: 'ACTS_RETENTION_DAYS=30', now: () => new Date('2024-05-01T00:00:00Z') }),
      admin.applyRetention({ cutoff, rule: 'acts retention --days 30', now: () => new Date('2024-05-01T00:00:01Z') }),
    ]);
    expect(runs.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    const reports = runs.map((r) => (r as PromiseFulfilledResult<{ deleted: number }>).value);
    expect(reports[0]!.deleted + reports[1]!.deleted).toBe(6);
    for (const [recipient, count] of [['discord:U1', 5], ['discord:U2', 1]] as const) {
      const listed: string[] = [];
      for await (const r of admin.records(recipient) as AsyncIterable<EvidenceRecord>) listed.push(...(r.retention?.records.map((x) => x.id) ?? []));
      expect(listed).toHaveLength(count);
      expect(new Set(listed).size).toBe(count);
      const out = path.join(temp.dir, `bundle-${recipient}`);
      await admin.exportBundle({ recipientKey: recipient, outDir: out, pdf: false });
      expect((await verifyBundle(out)).problems).toEqual([]);
    }
  });

  it('a bundle exported while retention runs in another process verifies (its tombstones come with the record that accounts for them)', async () => {
    temp = tempArchive();
    const clock = new Date('2024-03-01T00:00:00Z');
    const bot = await openArchive(() => clock);
    for (let n = 0; n < 3; n++) await bot.archive(analysis(n));
    const admin = await openArchive(() => clock);
    // The admin's retention commits after the export took its checkpoint and chain head, before it reads the records.
    let retention: Promise<unknown> | undefined;
    const racing: BundleSource = {
      log: bot.log,
      keyId: bot.keyId,
      async *lines(recipient, toSeq) {
        retention ??= admin.applyRetention({ cutoff: new Date('2024-04-01T00:00:00Z'), rule: 'acts retention --days 30', now: () => new Date('2024-05-01T00:00:00Z') });
        await retention;
        yield* bot.lines(recipient, toSeq);
      },
      firstKeyId: (recipient) => bot.firstKeyId(recipient),
      publicKeys: () => bot.publicKeys(),
      signManifest: (bytes) => bot.signManifest(bytes),
    };
    const out = path.join(temp.dir, 'bundle');
    const result = await exportBundle(racing, { recipientKey: 'discord:U1', outDir: out, pdf: false });
    expect(result.count).toBe(4);
    expect((await verifyBundle(out)).problems).toEqual([]);
  });

  it('a legal hold placed (acts hold) while the bot\'s retention run is under way stops it: nothing is deleted after the hold', async () => {
    temp = tempArchive();
    const clock = new Date('2024-03-01T00:00:00Z');
    const bot = await openArchive(() => clock);
    for (let n = 0; n < 3; n++) await bot.archive(analysis(n));
    const admin = await openArchive(() => clock);
    // The hold lands after retention has listed the expired records, before it replaces them.
    const lines = bot.lines.bind(bot);
    let held: Promise<string> | undefined;
    bot.lines = async function* (recipient: string, toSeq?: number) {
      yield* lines(recipient, toSeq);
      held ??= admin.setHold(recipient, true, 'court order');
      await held;
    };
    const report = await bot.applyRetention({ cutoff: new Date('2024-04-01T00:00:00Z'), rule: 'ACTS_RETENTION_DAYS=30', now: () => new Date('2024-05-01T00:00:00Z') });
    expect(report).toMatchObject({ deleted: 0, held: 1 });
    expect(await kinds(admin, 'discord:U1')).toEqual(['message', 'message', 'message', 'legal-hold']);
  });

  it('an export that reads a record just as retention in another process replaces it finds the tombstone', async () => {
    temp = tempArchive();
    const clock = new Date('2024-03-01T00:00:00Z');
    const bot = await openArchive(() => clock);
    for (let n = 0; n < 3; n++) await bot.archive(analysis(n));
    const admin = await openArchive(() => clock);
    await admin.applyRetention({ cutoff: new Date('2024-04-01T00:00:00Z'), rule: 'acts retention --days 30', now: () => new Date('2024-05-01T00:00:00Z') });
    // The export's read of the tombstones ran just before retention committed them; its read of the records
    // just after retention removed them.
    const getMany = bot.store.getMany.bind(bot.store);
    let stale = true;
    bot.store.getMany = async (keys) => {
      if (stale && keys[0]?.startsWith('d:') && keys[0].endsWith(':000000000000')) {
        stale = false;
        return keys.map(() => undefined);
      }
      return getMany(keys);
    };
    const out = path.join(temp.dir, 'bundle');
    expect((await bot.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false })).count).toBe(4);
    expect((await verifyBundle(out)).problems).toEqual([]);
  });

  it("a writer re-reading the log after another process wrote never moves the log's saved size back while that process keeps appending", async () => {
    temp = tempArchive();
    const clock = new Date('2024-03-01T00:00:00Z');
    const bot = await openArchive(() => clock);
    await bot.archive(analysis(0));
    const stale = await bot.store.get(treeLayout.state);
    const admin = await openArchive(() => clock);
    await admin.archive(analysis(1));
    // The bot read the saved state before the admin's batch; the admin appends again before the bot writes.
    let raced = false;
    const store = bot.store;
    const racing: KeyValueStore = {
      kind: store.kind,
      atomicBatches: store.atomicBatches,
      get: (key) => (key === treeLayout.state ? Promise.resolve(stale) : store.get(key)),
      getMany: (keys) => store.getMany(keys),
      writeBatch: async (rows) => {
        if (!raced) {
          raced = true;
          await admin.archive(analysis(2));
        }
        return store.writeBatch(rows);
      },
      deleteMany: (keys) => store.deleteMany(keys),
      scan: (prefix, options) => store.scan(prefix, options),
      close: () => store.close(),
    };
    await MerkleLog.open(racing);
    let leaves = 0;
    for await (const _ of store.scan('g:')) leaves++;
    expect(MerkleLog.parseState(await store.get(treeLayout.state)).size).toBe(leaves);
    const out = path.join(temp.dir, 'bundle');
    await admin.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
    expect((await verifyBundle(out)).problems).toEqual([]);
  });
});
