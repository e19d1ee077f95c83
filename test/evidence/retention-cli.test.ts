// `acts hold` and `acts retention` on a real archive, and the bot's daily retention schedule.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { EvidenceRecord } from '../../src/core/types.js';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { scheduleRetention } from '../../src/evidence/retention-schedule.js';
import { createLogger } from '../../src/observability/logger.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';
import { capture } from './bundle-helpers.js';

let temp: TempArchive;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  temp = tempArchive();
  env = { ...process.env };
  process.env.ACTS_STORE_URL = temp.storeUrl;
  process.env.ACTS_SIGNING_KEY_FILE = temp.keyFile;
  process.env.ACTS_EVIDENCE_KEY_FILE = temp.encryptionKeyFile;
  process.env.ACTS_RETENTION_DAYS = '30';
  // Archived "long ago": the fixture clock is 2024.
  const archive = await openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, encryptionKeyFile: temp.encryptionKeyFile, now: () => new Date('2024-03-01T00:00:00Z') });
  await archive.archive(analysis(1));
  await archive.archive(analysis(2, {}, 'telegram:42'));
  await archive.close();
});
afterEach(() => {
  process.env = env;
  temp.cleanup();
});

async function kinds(recipient: string): Promise<string[]> {
  const archive = await temp.open();
  const out: EvidenceRecord['kind'][] = [];
  for await (const r of archive.records(recipient)) out.push(r.kind);
  await archive.close();
  return out;
}

describe('acts hold and acts retention', () => {
  it('holds one recipient, dry-runs, then deletes only the other recipient', async () => {
    const held = await capture(() => main(['hold', '--recipient', 'discord:U1', 'on', '--reason', 'case 7']));
    expect(held.code).toBe(0);
    expect(held.out).toMatch(/legal hold for discord:U1: on \(signed record [0-9a-f]{16}-1\)/);
    expect((await capture(() => main(['hold', '--recipient', 'discord:U1']))).out).toMatch(/: on/);
    const dry = await capture(() => main(['retention', '--dry-run']));
    expect(dry.out).toMatch(/would delete 1 records of 1 recipients .* 1 recipients under legal hold skipped/);
    expect(await kinds('telegram:42')).toEqual(['message']);
    expect((await capture(() => main(['retention']))).out).toMatch(/^deleted 1 records/);
    expect(await kinds('telegram:42')).toEqual(['tombstone', 'retention-deletion']);
    expect(await kinds('discord:U1')).toEqual(['message', 'legal-hold']);
  });

  it('refuses a bad recipient, a bad state, and no retention period', async () => {
    expect((await capture(() => main(['hold', '--recipient', 'nobody', 'on']))).code).not.toBe(0);
    expect((await capture(() => main(['hold', '--recipient', 'discord:U1', 'maybe']))).code).not.toBe(0);
    delete process.env.ACTS_RETENTION_DAYS;
    const none = await capture(() => main(['retention']));
    expect(none.code).not.toBe(0);
    expect(none.err).toMatch(/no retention period/);
    expect(await kinds('telegram:42')).toEqual(['message']);
  });

  it('the bot schedule runs retention and can be stopped', async () => {
    const archive = await temp.open();
    const log = createLogger({ level: 'silent' });
    const schedule = scheduleRetention(archive, 30, log, { firstRunMs: 60_000, intervalMs: 60_000 });
    const report = await schedule.runNow();
    expect(report?.deleted).toBe(2);
    await schedule.stop();
    await archive.close();
    expect(await kinds('discord:U1')).toEqual(['tombstone', 'retention-deletion']);
  });
});
