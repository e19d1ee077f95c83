import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run as exportCommand } from '../../src/cli/commands/export.js';
import { run as verifyCommand } from '../../src/cli/commands/verify.js';
import type { Manifest } from '../../src/evidence/bundle-format.js';
import { exportAccess, exportForCaller } from '../../src/evidence/export-for-caller.js';
import { sha256Hex } from '../../src/evidence/record-codec.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { capture, readLines } from './bundle-helpers.js';

let temp: TempArchive;
afterEach(() => temp?.cleanup());

const day = (d: number): string => new Date(Date.UTC(2024, 2, d, 10)).toISOString();
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('archive → export → verify', () => {
  it('exports every record with a manifest that states count, times, head and key, and verifies', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    for (let d = 1; d <= 5; d++) await archive.archive(analysis(d, { sentAt: day(d) }));
    await archive.recordDeletion({ platform: 'discord', messageId: '1000002' }, day(6));
    const out = path.join(temp.dir, 'bundle');
    const result = await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false, timeZone: 'UTC' });
    await archive.close();
    expect(result.count).toBe(6);
    expect(result.files).toEqual(['records.jsonl', 'proofs.jsonl', 'manifest.json', 'signatures', 'report.html']);
    const manifest = manifestOf(out);
    const lines = readLines(out);
    expect(manifest).toMatchObject({ count: 6, firstTime: day(1), lastTime: day(6), recipient: 'discord:U1', anchorKeyId: archive.keyId });
    expect(manifest.head).toEqual({ seq: 5, hash: sha256Hex(lines[5]!) });
    expect(manifest.chainHead).toEqual(manifest.head);
    expect(manifest.keys[0]!.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(manifest.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    const verified = await verifyBundle(out);
    expect(verified.problems).toEqual([]);
    expect(verified).toMatchObject({ ok: true, count: 6, recipient: 'discord:U1' });
  });

  it('a date-filtered export verifies on its own and states the hash of the record before it', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    for (let d = 1; d <= 9; d++) await archive.archive(analysis(d, { sentAt: day(d) }));
    const out = path.join(temp.dir, 'march-3-to-5');
    const result = await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, from: new Date(Date.UTC(2024, 2, 3)), to: new Date(Date.UTC(2024, 2, 5, 23)), pdf: false });
    const all: string[] = [];
    for await (const line of archive.lines('discord:U1')) all.push(line);
    await archive.close();
    expect(result.count).toBe(3);
    const manifest = manifestOf(out);
    expect(manifest.ranges).toEqual([{ firstSeq: 2, lastSeq: 4, prevHash: sha256Hex(all[1]!), lastHash: sha256Hex(all[4]!) }]);
    expect(manifest.chainHead.seq).toBe(8);
    expect((await verifyBundle(out)).ok).toBe(true);
  });

  it('a moderator\u2019s export holds only their community\u2019s messages and still verifies', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    for (let n = 0; n < 6; n++) await archive.archive(analysis(n, { workspaceId: n % 2 ? 'G2' : 'G1' }));
    const moderator = { platform: 'discord' as const, userId: 'M1', workspaceId: 'G1', isModerator: true };
    const result = await exportForCaller(archive, moderator, { recipientKey: 'discord:U1', pdf: false }, path.join(temp.dir, 'exports'));
    await archive.close();
    expect(result.count).toBe(3);
    expect(readLines(result.outDir).map((l) => JSON.parse(l).message.workspaceId)).toEqual(['G1', 'G1', 'G1']);
    expect(manifestOf(result.outDir).ranges.map((r) => r.firstSeq)).toEqual([0, 2, 4]);
    expect((await verifyBundle(result.outDir)).ok).toBe(true);
  });

  it('an export with nothing in it says so (count 0) and leaves no folder', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    await archive.archive(analysis(1, { sentAt: day(1) }));
    const out = path.join(temp.dir, 'empty');
    expect(await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, from: new Date('2030-01-01'), pdf: false })).toEqual({ outDir: out, count: 0, files: [] });
    expect(existsSync(out)).toBe(false);
    await archive.close();
  });

  it('an export by a second process (acts export beside the running bot) sees everything the bot archived', async () => {
    temp = tempArchive();
    const bot = await temp.open();
    await bot.archive(analysis(1));
    const admin = await temp.open();
    for (let n = 2; n <= 6; n++) await bot.archive(analysis(n, {}, n % 2 ? 'discord:U1' : 'discord:U9'));
    const out = path.join(temp.dir, 'admin-export');
    const result = await admin.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
    expect(result.count).toBe(3);
    expect(manifestOf(out).checkpoint.size).toBe(6);
    expect((await verifyBundle(out)).problems).toEqual([]);
    await admin.close();
    await bot.close();
  });

  it('lets the recipient export everything, a moderator only their community, and nobody else anything', async () => {
    expect(exportAccess({ platform: 'discord', userId: 'U1', isModerator: false }, 'discord:U1')).toEqual({ allowed: true });
    expect(exportAccess({ platform: 'slack', userId: 'U1', workspaceId: 'T1', isModerator: false }, 'slack:T1:U1')).toEqual({ allowed: true });
    expect(exportAccess({ platform: 'discord', userId: 'M', workspaceId: 'G1', isModerator: true }, 'discord:U1')).toEqual({ allowed: true, workspaceId: 'G1' });
    expect(exportAccess({ platform: 'discord', userId: 'U666', workspaceId: 'G1', isModerator: false }, 'discord:U1').allowed).toBe(false);
    expect(exportAccess({ platform: 'slack', userId: 'M', workspaceId: 'G1', isModerator: true }, 'discord:U1').allowed).toBe(false);
    temp = tempArchive();
    const archive = await temp.open();
    await archive.archive(analysis(1));
    await expect(exportForCaller(archive, { platform: 'discord', userId: 'U666', isModerator: false }, { recipientKey: 'discord:U1' }, temp.dir)).rejects.toThrow(/only the person/);
    await archive.close();
  });

  it('acts export and acts verify work from the command line', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    for (let d = 1; d <= 3; d++) await archive.archive(analysis(d, { sentAt: day(d) }));
    await archive.close();
    const env = { ...process.env };
    process.env.ACTS_STORE_URL = temp.storeUrl;
    process.env.ACTS_SIGNING_KEY_FILE = temp.keyFile;
    process.env.ACTS_EVIDENCE_KEY_FILE = temp.encryptionKeyFile;
    const out = path.join(temp.dir, 'cli-bundle');
    try {
      const exported = await capture(() => exportCommand(['--recipient', 'discord:U1', '--from', '2024-03-02', '--out', out, '--no-pdf', '--tz', 'Europe/Berlin']));
      expect(exported.code).toBe(0);
      expect(exported.out).toContain('exported 2 records for discord:U1');
      expect(exported.err).toContain('report.pdf skipped');
      const verified = await capture(() => verifyCommand([out]));
      expect(verified.code).toBe(0);
      expect(verified.out).toMatch(/^OK: 2 records for discord:U1/);
      // Says plainly that the report a person reads is not what the signatures prove.
      expect(verified.out).toContain('not covered: report.html and report.pdf are reading copies rendered from the records, not signed');
      const empty = await capture(() => exportCommand(['--recipient', 'discord:U1', '--from', '2025-01-01', '--out', path.join(temp.dir, 'none'), '--no-pdf']).catch((e: Error) => (process.stderr.write(e.message), 1)));
      expect(empty.code).toBe(1);
      expect(empty.err).toContain('no evidence records for discord:U1 in that period');
      expect(existsSync(path.join(temp.dir, 'none'))).toBe(false);
    } finally {
      process.env = env;
    }
    await expect(exportCommand(['--recipient', 'nobody', '--out', out])).rejects.toThrow(/not a recipient key/);
    await expect(exportCommand(['--recipient', 'discord:U1', '--from', 'last week', '--out', out])).rejects.toThrow(/not a date/);
  });
});
