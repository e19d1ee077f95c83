import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryQueue } from '../../src/bot/delivery-queue.js';
import { exportStamp, safeDirName } from '../../src/bot/export-folder.js';
import { scheduleExportSweep } from '../../src/bot/export-sweep-schedule.js';
import { exportKeep, sweepExports } from '../../src/bot/export-sweep.js';
import type { OutboundMessage } from '../../src/bot/ports.js';
import { MemoryStore } from '../../src/bot/store.js';
import { THREAT } from '../doubles/analyser.js';
import { captureLogger } from '../doubles/log.js';
import { RecordingClient } from '../doubles/recording-client.js';
import { tempDir } from '../helpers/temp-dir.js';
import { caller, groupMessage, harness } from './harness.js';

const HOUR = 60 * 60 * 1000;
const VICTIM = caller('111');
const WORDS = 'you will regret ever posting that photo';
const KEEP_72H = exportKeep(72);

/** A protected person with one flagged message, and the export command's reply. */
async function exported(h: ReturnType<typeof harness>): Promise<OutboundMessage> {
  await h.service.onCommand({ caller: VICTIM, name: 'protect', args: '' });
  await h.service.onMessage(groupMessage({ text: `${THREAT} ${WORDS}`, mentions: ['111'] }), `m-${h.clock.now()}`);
  const reply = await h.service.onCommand({ caller: VICTIM, name: 'export', args: '' });
  expect(reply.file).toBeDefined();
  return reply;
}

function bundleDir(reply: OutboundMessage): string {
  return path.dirname(reply.file!.path);
}

function logged(lines: string[], msg: RegExp): Array<Record<string, unknown>> {
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => msg.test(String(l.msg)));
}

/** A folder in the shape the export command makes, with one file, made `ageMs` before `now`. */
function fakeBundle(exportDir: string, key: string, madeAt: number): string {
  const dir = path.join(exportDir, safeDirName(key), exportStamp(madeAt));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'records.jsonl'), '{}\n');
  return dir;
}

describe('export sweep: server copies of bundles exported in chat', () => {
  it('removes a bundle older than the keep period and logs it without message text; a newer one stays', async () => {
    const h = harness({ exportRate: { capacity: 10, refillMs: 1 } });
    h.archive.extraBundleFiles = ['manifest.json', 'report.html'];
    const old = bundleDir(await exported(h));
    h.clock.advance(72 * HOUR - 1);
    const recent = bundleDir(await exported(h));
    expect(existsSync(old) && existsSync(recent)).toBe(true);

    const log = captureLogger();
    h.clock.advance(1);
    expect(await sweepExports(h.exportDir, KEEP_72H, h.clock.now(), log.logger)).toEqual({ removed: 1, kept: 1, skipped: 0, failed: 0 });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(readFileSync(path.join(recent, 'evidence.jsonl'), 'utf8')).toContain(WORDS);

    const [removal] = logged(log.lines, /server copy of an exported bundle removed/);
    expect(removal).toMatchObject({ folder: `${safeDirName('telegram:111')}/${path.basename(old)}`, ageHours: 72, files: 3, rule: 'ACTS_EXPORT_KEEP_HOURS=72' });
    expect(log.text()).not.toContain(WORDS);
    expect(log.text()).not.toContain('regret');

    // The person folder goes with its last bundle.
    h.clock.advance(72 * HOUR);
    await sweepExports(h.exportDir, KEEP_72H, h.clock.now(), log.logger);
    expect(existsSync(path.join(h.exportDir, safeDirName('telegram:111')))).toBe(false);
  });

  it('a retention period shorter than the keep period wins', async () => {
    expect(exportKeep(72, 30)).toEqual({ keepMs: 72 * HOUR, rule: 'ACTS_EXPORT_KEEP_HOURS=72' });
    const keep = exportKeep(72, 1);
    expect(keep).toEqual({ keepMs: 24 * HOUR, rule: 'ACTS_RETENTION_DAYS=1' });

    const h = harness();
    const dir = bundleDir(await exported(h));
    h.clock.advance(24 * HOUR - 1);
    const log = captureLogger();
    await sweepExports(h.exportDir, keep, h.clock.now(), log.logger);
    expect(existsSync(dir)).toBe(true);
    h.clock.advance(1);
    await sweepExports(h.exportDir, keep, h.clock.now(), log.logger);
    expect(existsSync(dir)).toBe(false);
    expect(logged(log.lines, /removed/)[0]).toMatchObject({ ageHours: 24, rule: 'ACTS_RETENTION_DAYS=1' });
  });

  it('follows no symlink, never leaves the exports folder, and leaves what it does not recognise (with a warning)', async () => {
    const exportDir = path.join(tempDir('sweep-data'), 'exports');
    const outside = tempDir('sweep-outside');
    const now = Date.parse('2025-03-10T09:00:00Z');
    const old = now - 100 * HOUR;
    // Outside the exports folder: an old bundle-shaped folder and a file, which links inside point at.
    const outsideBundle = path.join(outside, exportStamp(old));
    mkdirSync(outsideBundle);
    writeFileSync(path.join(outsideBundle, 'records.jsonl'), 'outside\n');
    writeFileSync(path.join(outside, 'precious.txt'), 'outside\n');

    const swept = fakeBundle(exportDir, 'telegram:1', old);
    symlinkSync(path.join(outside, 'precious.txt'), path.join(swept, 'link-to-file'));
    symlinkSync(outside, path.join(swept, 'link-to-folder'));
    // Links in the shape of the bot's folders, at both levels.
    symlinkSync(outside, path.join(exportDir, safeDirName('telegram:2')));
    symlinkSync(outsideBundle, path.join(path.dirname(swept), exportStamp(old + 1)));
    // Things the bot does not make.
    writeFileSync(path.join(exportDir, 'notes.txt'), 'admin notes');
    mkdirSync(path.join(exportDir, 'by-hand'));
    mkdirSync(path.join(exportDir, safeDirName('telegram:3'), 'not-a-stamp'), { recursive: true });
    mkdirSync(path.join(exportDir, '..', 'bundle-from-acts-export-out'));

    const log = captureLogger();
    const report = await sweepExports(exportDir, KEEP_72H, now, log.logger);
    expect(report).toEqual({ removed: 1, kept: 0, skipped: 5, failed: 0 });
    expect(existsSync(swept)).toBe(false);
    expect(readFileSync(path.join(outside, 'precious.txt'), 'utf8')).toBe('outside\n');
    expect(readFileSync(path.join(outsideBundle, 'records.jsonl'), 'utf8')).toBe('outside\n');
    expect(existsSync(path.join(exportDir, 'notes.txt'))).toBe(true);
    expect(existsSync(path.join(exportDir, 'by-hand'))).toBe(true);
    expect(existsSync(path.join(exportDir, safeDirName('telegram:3'), 'not-a-stamp'))).toBe(true);
    expect(existsSync(path.join(exportDir, '..', 'bundle-from-acts-export-out'))).toBe(true);
    // Only the bundle's own regular file is counted; links are not followed.
    expect(logged(log.lines, /removed/)[0]).toMatchObject({ files: 1 });
    const warnings = logged(log.lines, /not a folder the bot made/);
    expect(warnings.map((w) => [w.entry, w.kind]).sort()).toEqual(
      [
        ['by-hand', 'folder'],
        ['notes.txt', 'file'],
        [safeDirName('telegram:2'), 'symlink'],
        [`${safeDirName('telegram:1')}/${exportStamp(old + 1)}`, 'symlink'],
        [`${safeDirName('telegram:3')}/not-a-stamp`, 'folder'],
      ].sort(),
    );
  });

  it('an exports folder that is itself a symlink is not swept', async () => {
    const data = tempDir('sweep-data');
    const elsewhere = tempDir('sweep-elsewhere');
    const now = Date.parse('2025-03-10T09:00:00Z');
    const bundle = fakeBundle(elsewhere, 'telegram:1', now - 100 * HOUR);
    symlinkSync(elsewhere, path.join(data, 'exports'));
    const log = captureLogger();
    expect(await sweepExports(path.join(data, 'exports'), KEEP_72H, now, log.logger)).toMatchObject({ removed: 0, skipped: 1 });
    expect(existsSync(bundle)).toBe(true);
    expect(logged(log.lines, /not a plain folder/)[0]).toMatchObject({ kind: 'symlink' });
  });

  it('no exports folder yet: nothing to do', async () => {
    const data = tempDir('sweep-data');
    expect(await sweepExports(path.join(data, 'exports'), KEEP_72H, Date.now(), captureLogger().logger)).toEqual({ removed: 0, kept: 0, skipped: 0, failed: 0 });
  });
});

describe('export sweep and the delivery queue', () => {
  it('a bundle still queued for delivery when it expires reaches the person as a clear note, not a crash or silence', async () => {
    const h = harness();
    const reply = await exported(h);
    // The bundle waits in the durable queue: the platform is down.
    const client = new RecordingClient('telegram');
    const log = captureLogger();
    const store = new MemoryStore(() => h.clock.now());
    const queue = new DeliveryQueue(store, new Map([['telegram', client]]), h.clock, log.logger);
    await queue.enqueue('export-111', { kind: 'direct', platform: 'telegram', userId: '111' }, reply);
    client.failures.push({ kind: 'rate-limited', retryAfterMs: 80 * HOUR });
    expect(await queue.processDue()).toEqual({ sent: 0, retrying: 1, dropped: 0 });

    h.clock.advance(73 * HOUR);
    expect((await sweepExports(h.exportDir, KEEP_72H, h.clock.now(), log.logger)).removed).toBe(1);
    expect(existsSync(reply.file!.path)).toBe(false);

    // A restart in between: the queue reloads the notice from the store.
    const restarted = new DeliveryQueue(store, new Map([['telegram', client]]), h.clock, log.logger);
    expect(await restarted.load()).toBe(1);
    h.clock.advance(7 * HOUR);
    expect(await restarted.processDue()).toEqual({ sent: 1, retrying: 0, dropped: 0 });
    const [note] = client.directTo('111');
    expect(note!.message.file).toBeUndefined();
    expect(note!.message.files).toBeUndefined();
    expect(note!.message.text).toMatch(/expired on the server/);
    expect(note!.message.fields?.map((f) => f.value).join(' ')).toMatch(/Export evidence.*\/export/);
    expect(logged(log.lines, /attached files are gone/)[0]).toMatchObject({ noticeId: 'export-111', missingFiles: 1 });
    expect(restarted.size).toBe(0);
  });

  it('a bundle whose files are still there is sent as it was queued', async () => {
    const h = harness();
    const reply = await exported(h);
    const client = new RecordingClient('telegram');
    const queue = new DeliveryQueue(h.store, new Map([['telegram', client]]), h.clock, captureLogger().logger);
    await queue.enqueue('export-111', { kind: 'direct', platform: 'telegram', userId: '111' }, reply);
    await queue.processDue();
    expect(client.directTo('111')[0]!.message).toEqual(reply);
  });
});

describe('export sweep schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sweeps right after start and then every interval, until stopped', async () => {
    vi.useFakeTimers();
    const h = harness({ exportRate: { capacity: 10, refillMs: 1 } });
    const first = bundleDir(await exported(h));
    h.clock.advance(HOUR);
    const log = captureLogger();
    // stop() waits for a sweep under way, so what a timer started has finished when it resolves.
    const atStart = scheduleExportSweep(h.exportDir, exportKeep(1), h.clock, log.logger, { intervalMs: HOUR });
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    await atStart.stop();
    expect(existsSync(first)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);

    const second = bundleDir(await exported(h));
    const hourly = scheduleExportSweep(h.exportDir, exportKeep(1), h.clock, log.logger, { firstRunMs: 10 * HOUR, intervalMs: HOUR });
    h.clock.advance(HOUR);
    await vi.advanceTimersByTimeAsync(HOUR - 1);
    expect(existsSync(second)).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    await hourly.stop();
    expect(existsSync(second)).toBe(false);
    expect(logged(log.lines, /export sweep finished/).map((l) => l.removed)).toEqual([1, 1]);
    expect(logged(log.lines, /removed after this many hours/)[0]).toMatchObject({ rule: 'ACTS_EXPORT_KEEP_HOURS=1', keepHours: 1 });
  });
});
