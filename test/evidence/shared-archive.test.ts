// Two processes on one archive: the bot keeps archiving while an admin runs `acts hold`, `acts scan` or
// `acts retention` against the same SQLite file. Each opens its own connection (as two processes do); the
// store refuses a write built on a stale view, and the writer re-reads and writes again, so no chain forks,
// the Merkle log stays whole and every bundle verifies.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import type { SignedEvidenceArchive } from '../../src/evidence/archive.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

let temp: TempArchive;
afterEach(() => temp?.cleanup());

async function records(archive: SignedEvidenceArchive, recipient: string): Promise<EvidenceRecord[]> {
  const out: EvidenceRecord[] = [];
  for await (const r of archive.records(recipient)) out.push(r);
  return out;
}

async function exportAndVerify(archive: SignedEvidenceArchive, recipient: string, name: string): Promise<{ ok: boolean; count: number }> {
  const out = path.join(temp.dir, name);
  await archive.exportBundle({ recipientKey: recipient, outDir: out, pdf: false });
  const result = await verifyBundle(out);
  return { ok: result.ok, count: result.count };
}

describe('one archive, two writers', () => {
  it('chains each writer after the other and keeps the log verifiable', async () => {
    temp = tempArchive();
    const bot = await temp.open();
    const admin = await temp.open();
    await bot.archive(analysis(1));
    await admin.archive(analysis(2));
    await admin.setHold('discord:U1', true, 'case 42');
    await admin.archive(analysis(3, {}, 'discord:U8'));
    // The bot's view of the chain and the log is stale now; its writes must still land, in order.
    await bot.archive(analysis(4));
    await bot.archive(analysis(5, {}, 'discord:U9'));
    await admin.archive(analysis(6, {}, 'discord:U9'));
    await Promise.all([bot.archive(analysis(7)), admin.archive(analysis(8))]);

    const seqs = (await records(bot, 'discord:U1')).map((r) => [r.seq, r.kind, r.message?.messageId]);
    expect(seqs).toEqual([
      [0, 'message', '1000001'],
      [1, 'message', '1000002'],
      [2, 'legal-hold', undefined],
      [3, 'message', '1000004'],
      expect.arrayContaining([4]),
      expect.arrayContaining([5]),
    ]);
    for (const [recipient, count] of [['discord:U1', 6], ['discord:U8', 1], ['discord:U9', 2]] as const) {
      expect(await exportAndVerify(bot, recipient, `bot-${recipient}`)).toEqual({ ok: true, count });
      expect(await exportAndVerify(admin, recipient, `admin-${recipient}`)).toEqual({ ok: true, count });
    }
    await bot.close();
    await admin.close();
  });

  it('archives a message both writers see only once', async () => {
    temp = tempArchive();
    const bot = await temp.open();
    const scan = await temp.open();
    await bot.archive(analysis(10));
    await scan.archive(analysis(11));
    const [a, b] = await Promise.all([bot.archive(analysis(12)), scan.archive(analysis(12))]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.id).toBe(b.id);
    expect((await scan.archive(analysis(10))).duplicate).toBe(true);
    expect((await records(bot, 'discord:U1')).map((r) => r.message?.messageId)).toEqual(['1000010', '1000011', '1000012']);
    expect(await exportAndVerify(scan, 'discord:U1', 'u1')).toEqual({ ok: true, count: 3 });
    await bot.close();
    await scan.close();
  });
});
