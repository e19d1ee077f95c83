// The lifecycle combinations as an admin runs them, each command a child process on the same data folder:
// acts export → acts rotate-key → acts hold → acts retention → acts export (whole and a window) → acts verify
// with --previous and --key. The evidence is archived 40 days in the past (in this process, with a clock),
// so that `acts retention --days 30` in real time expires it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { fingerprint } from '../../src/evidence/signing.js';
import { actsIn, type ActsResult } from '../helpers/acts-cli.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

const DAY = 86_400_000;

const acts = (temp: TempArchive, ...args: string[]): Promise<ActsResult> => actsIn(path.join(temp.dir, 'data'), ...args);

async function verified(temp: TempArchive, ...args: string[]): Promise<void> {
  const result = await acts(temp, 'verify', ...args);
  expect(result.stdout).toMatch(/^OK: /);
  expect(result.code).toBe(0);
}

const kinds = (dir: string): string[] =>
  readFileSync(path.join(dir, 'records.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as EvidenceRecord).kind);

/** Archives for discord:U1 (three messages and an edit) and telegram:42, `daysAgo` days ago; returns the key id. */
async function archiveInThePast(temp: TempArchive, daysAgo: number): Promise<string> {
  const then = new Date(Date.now() - daysAgo * DAY);
  const archive = await openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, encryptionKeyFile: temp.encryptionKeyFile, now: () => then });
  try {
    for (let n = 0; n < 3; n++) await archive.archive(analysis(n, { sentAt: new Date(then.getTime() + n * 1000).toISOString() }));
    await archive.recordEdit({ platform: 'discord', messageId: '1000001' }, { text: 'edited', editedAt: new Date(then.getTime() + 5000).toISOString() });
    await archive.archive(analysis(9, { sentAt: then.toISOString() }, 'telegram:42'));
    return archive.keyId;
  } finally {
    await archive.close();
  }
}

describe('acts commands in combination', () => {
  it('rotate-key, hold and retention between two exports: each bundle verifies, against the first key and the earlier bundle', { timeout: 120_000 }, async () => {
    const temp = tempArchive();
    const firstKey = await archiveInThePast(temp, 40);
    const before = path.join(temp.dir, 'before');
    expect((await acts(temp, 'export', '--recipient', 'discord:U1', '--out', before, '--no-pdf')).code).toBe(0);
    expect((await acts(temp, 'rotate-key')).code).toBe(0);
    expect((await acts(temp, 'hold', '--recipient', 'telegram:42', 'on', '--reason', 'case 7')).code).toBe(0);
    const retention = await acts(temp, 'retention', '--days', '30');
    expect(retention.stdout).toMatch(/^deleted 4 records of 1 recipients archived more than 30 days ago; 1 recipients under legal hold skipped/);

    // Everything the first key signed for U1 is a tombstone now; the bundle is still anchored on that key.
    const after = path.join(temp.dir, 'after');
    expect((await acts(temp, 'export', '--recipient', 'discord:U1', '--out', after, '--no-pdf')).code).toBe(0);
    expect(kinds(after)).toEqual(['tombstone', 'tombstone', 'tombstone', 'tombstone', 'key-rotation', 'retention-deletion']);
    await verified(temp, after, '--previous', before, '--key', fingerprint(firstKey));

    // A window around the expired period holds the tombstones and the record that accounts for them.
    const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    const window = path.join(temp.dir, 'window');
    expect((await acts(temp, 'export', '--recipient', 'discord:U1', '--from', day(-41), '--to', day(0), '--out', window, '--no-pdf')).code).toBe(0);
    expect(kinds(window)).toEqual(['tombstone', 'tombstone', 'tombstone', 'tombstone', 'key-rotation', 'retention-deletion']);
    await verified(temp, window, '--previous', after, '--key', fingerprint(firstKey));

    // The held recipient keeps their evidence until the hold is lifted; then it goes too, and still verifies.
    const held = path.join(temp.dir, 'held');
    expect((await acts(temp, 'export', '--recipient', 'telegram:42', '--out', held, '--no-pdf')).code).toBe(0);
    expect(kinds(held)).toEqual(['message', 'key-rotation', 'legal-hold']);
    expect((await acts(temp, 'hold', '--recipient', 'telegram:42', 'off')).code).toBe(0);
    expect((await acts(temp, 'retention', '--days', '30')).stdout).toMatch(/^deleted 1 records of 1 recipients/);
    const released = path.join(temp.dir, 'released');
    expect((await acts(temp, 'export', '--recipient', 'telegram:42', '--out', released, '--no-pdf')).code).toBe(0);
    expect(kinds(released)).toEqual(['tombstone', 'key-rotation', 'legal-hold', 'legal-hold', 'retention-deletion']);
    await verified(temp, released, '--previous', held, '--key', fingerprint(firstKey));
  });

  it('retention, hold and exports started at the same moment as separate processes all succeed, and every bundle verifies', { timeout: 120_000 }, async () => {
    const temp = tempArchive();
    const firstKey = await archiveInThePast(temp, 40);
    const dir = (name: string): string => path.join(temp.dir, name);
    const runs = await Promise.all([
      acts(temp, 'retention', '--days', '30'),
      acts(temp, 'export', '--recipient', 'discord:U1', '--out', dir('u1'), '--no-pdf'),
      acts(temp, 'hold', '--recipient', 'telegram:42', 'on'),
      acts(temp, 'export', '--recipient', 'telegram:42', '--out', dir('t42'), '--no-pdf'),
    ]);
    expect(runs.map((r) => [r.code, r.stderr.includes('Error') ? r.stderr : ''])).toEqual([[0, ''], [0, ''], [0, ''], [0, '']]);
    await verified(temp, dir('u1'), '--key', fingerprint(firstKey));
    await verified(temp, dir('t42'), '--key', fingerprint(firstKey));
    expect((await acts(temp, 'export', '--recipient', 'discord:U1', '--out', dir('u1-after'), '--no-pdf')).code).toBe(0);
    expect(kinds(dir('u1-after'))).toEqual(['tombstone', 'tombstone', 'tombstone', 'tombstone', 'retention-deletion']);
    await verified(temp, dir('u1-after'), '--previous', dir('u1'));
  });
});
