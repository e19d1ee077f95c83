// Digests of a flood (and daily digests): what a person receives, that it stays right across redelivery,
// restarts and flushes, that memory and the flush's writes do not grow with the flood, and that rows written
// by the version before (one row per line, tombstoned one by one when sent) still load.
import { rmSync } from 'node:fs';
import { tempDir } from '../helpers/temp-dir.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedStore } from '../../src/bot/cached-store.js';
import { openDocumentStore } from '../../src/storage/document-store.js';
import { ManualClock } from '../../src/bot/clock.js';
import { DeliveryQueue, NOTICE_PREFIX } from '../../src/bot/delivery-queue.js';
import { DEFAULT_NOTIFIER_OPTIONS, Notifier, sha256, type DigestEntry } from '../../src/bot/notifier.js';
import { ACTIONS, type OutboundMessage } from '../../src/bot/ports.js';
import { MemoryStore, type KeyValueStore, type StoreEntry } from '../../src/bot/store.js';
import { captureLogger } from '../doubles/log.js';
import { RecordingClient } from '../doubles/recording-client.js';

const HOUR = 60 * 60_000;
const THRESHOLD = DEFAULT_NOTIFIER_OPTIONS.floodThreshold;

/** Counts the entries each kind of write stores. */
class CountingStore extends MemoryStore {
  written = 0;
  override async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.written += 1;
    return super.set(key, value, ttlMs);
  }
  override async setMany(entries: readonly StoreEntry[]): Promise<void> {
    this.written += entries.length;
    return super.setMany(entries);
  }
  override async add<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    this.written += 1;
    return super.add(key, value, ttlMs);
  }
}

function entry(i: number): DigestEntry {
  return { verdict: 'cyberstalking', from: `Sender ${i}`, where: 'Book club', when: `2025-03-01T09:${String(i % 60).padStart(2, '0')}:00.000Z`, evidenceId: `rec-${i}`, handle: `handle${i}` };
}

/** A bot's notifier (and its delivery queue) over `store`; a second one over the same store is a restart. */
async function bot(store: KeyValueStore, clock: ManualClock) {
  const client = new RecordingClient('telegram');
  const log = captureLogger().logger;
  const queue = new DeliveryQueue(store, new Map([['telegram', client]]), clock, log);
  const notifier = new Notifier(store, queue, clock, log);
  await queue.load();
  await notifier.load();
  return {
    notifier,
    /** Verdict notice `i` for person `to`; the notice id depends on both, as the bot's does. */
    notify: (to: string, i: number, wantsDigest = false) => {
      clock.advance(1);
      return notifier.notify(`telegram:${to}`, { platform: 'telegram', userId: to }, `verdict-${to}-${i}`, { text: `verdict ${i}` }, entry(i), wantsDigest);
    },
    /** Digests delivered to `to` so far. */
    digestsTo: async (to: string): Promise<OutboundMessage[]> => {
      await queue.processDue();
      return client.directTo(to).map((s) => s.message).filter((m) => m.text.includes('digest'));
    },
  };
}

async function flood(b: Awaited<ReturnType<typeof bot>>, person: string, from: number, until: number): Promise<void> {
  for (let i = from; i < until; i += 1) await b.notify(person, i);
}

describe('digests', () => {
  it('shows the count, the newest lines, an "Earlier" line and the newest line\'s export button, as before', async () => {
    const clock = new ManualClock();
    const b = await bot(new MemoryStore(() => clock.now()), clock);
    await flood(b, '1', 0, THRESHOLD + 12);
    clock.advance(HOUR);
    expect(await b.notifier.flushDigests()).toBe(1);
    const [digest] = await b.digestsTo('1');
    expect(digest).toEqual({
      text: 'ACTS digest: 12 more flagged messages arrived in a short time, so they are grouped here. All of them are archived as evidence.',
      fields: [
        { label: 'Earlier', value: '2 more, in the evidence export' },
        ...Array.from({ length: 10 }, (_, k) => {
          const e = entry(THRESHOLD + 2 + k);
          return { label: `${k + 1}. cyberstalking`, value: `from ${e.from} in Book club at ${e.when} (UTC); record ${e.evidenceId}` };
        }),
      ],
      buttons: [{ actionId: ACTIONS.exportEvidence, label: 'Export evidence', value: `handle${THRESHOLD + 11}`, style: 'primary' }],
    });
  });

  it('keeps at most the shown lines per person in memory, however long the flood, and still counts every line', async () => {
    const clock = new ManualClock();
    const b = await bot(new MemoryStore(() => clock.now()), clock);
    await flood(b, '1', 0, 2_000);
    for (const person of ['2', '3', '4']) await flood(b, person, 0, 100);
    expect(b.notifier.linesInMemory).toBeLessThanOrEqual(4 * DEFAULT_NOTIFIER_OPTIONS.digestLines);
    clock.advance(HOUR);
    expect(await b.notifier.flushDigests()).toBe(4);
    const [digest] = await b.digestsTo('1');
    expect(digest!.text).toMatch(/^ACTS digest: 1995 more flagged messages/);
    expect(digest!.fields![0]).toEqual({ label: 'Earlier', value: '1985 more, in the evidence export' });
    expect(digest!.fields!.at(-1)!.value).toMatch(/record rec-1999$/);
    expect((await b.digestsTo('3'))[0]!.text).toMatch(/^ACTS digest: 95 more/);
    expect(b.notifier.linesInMemory).toBe(0);
  });

  it('sends a flood digest with a bounded number of writes, not one per line', async () => {
    const clock = new ManualClock();
    const store = new CountingStore(() => clock.now());
    const b = await bot(store, clock);
    await flood(b, '1', 0, 1_000);
    clock.advance(HOUR);
    const before = store.written;
    expect(await b.notifier.flushDigests()).toBe(1);
    expect(store.written - before).toBeLessThanOrEqual(2);
  });

  it('never counts a redelivered notice twice: while waiting, after a restart, and after its digest was sent', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore(() => clock.now());
    const b = await bot(store, clock);
    await flood(b, '1', 0, THRESHOLD + 3);
    expect(await b.notify('1', THRESHOLD)).toBe('duplicate');
    expect(await b.notify('1', 0)).toBe('duplicate');
    const restarted = await bot(store, clock);
    expect(await restarted.notify('1', THRESHOLD + 1)).toBe('duplicate');
    // A restart starts a new flood window: its first notices are DMs again.
    await flood(restarted, '1', 200, 200 + THRESHOLD);
    expect(await restarted.notify('1', 100)).toBe('digest');
    clock.advance(HOUR);
    expect(await restarted.notifier.flushDigests()).toBe(1);
    expect((await restarted.digestsTo('1')).map((m) => m.text)).toEqual([expect.stringMatching(/^ACTS digest: 4 more/)]);
    expect(await restarted.notify('1', THRESHOLD + 2)).toBe('duplicate');
    expect(await restarted.notify('1', 100)).toBe('duplicate');
    clock.advance(2 * HOUR);
    expect(await restarted.notifier.flushDigests()).toBe(0);
  });

  it('after a restart sends each waiting digest once, with the full count and the newest lines; a later restart sends nothing again', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore(() => clock.now());
    const first = await bot(store, clock);
    await flood(first, '1', 0, 40);
    await flood(first, '2', 0, 8);
    const second = await bot(store, clock);
    expect(second.notifier.nextDigestAt()).toBe(first.notifier.nextDigestAt());
    clock.advance(HOUR);
    expect(await second.notifier.flushDigests()).toBe(2);
    const [digest] = await second.digestsTo('1');
    expect(digest!.text).toMatch(/^ACTS digest: 35 more/);
    expect(digest!.fields!.slice(1).map((f) => f.value.split('record ')[1])).toEqual(Array.from({ length: 10 }, (_, k) => `rec-${30 + k}`));
    expect(digest!.buttons![0]!.value).toBe('handle39');
    expect((await second.digestsTo('2'))[0]!.text).toMatch(/^ACTS digest: 3 more/);
    const third = await bot(store, clock);
    expect(third.notifier.nextDigestAt()).toBeUndefined();
    clock.advance(2 * HOUR);
    expect(await third.notifier.flushDigests()).toBe(0);
  });

  // At a flood digest's due time its flood window is over (new notices are DMs again), so daily digests here.
  it('sends a digest once per due time: lines that arrive during a flush wait for the next one', async () => {
    const clock = new ManualClock();
    clock.set('2025-03-01T09:00:00Z');
    const b = await bot(new MemoryStore(() => clock.now()), clock);
    for (let i = 0; i < 4; i += 1) await b.notify('1', i, true);
    clock.set('2025-03-01T18:00:00Z');
    const flushing = b.notifier.flushDigests();
    const during = b.notify('1', 50, true);
    expect(await flushing).toBe(1);
    expect(await during).toBe('digest');
    expect(await b.notifier.flushDigests()).toBe(0);
    expect(b.notifier.nextDigestAt()).toBe(Date.parse('2025-03-02T18:00:00Z'));
    clock.set('2025-03-02T18:00:00Z');
    expect(await b.notifier.flushDigests()).toBe(1);
    expect((await b.digestsTo('1')).map((m) => m.text)).toEqual([expect.stringMatching(/: 4 flagged messages/), expect.stringMatching(/: 1 flagged message since/)]);
  });

  it('counts a line still being written when its digest is flushed exactly once, across a restart too', async () => {
    const clock = new ManualClock();
    clock.set('2025-03-01T09:00:00Z');
    const store = new MemoryStore(() => clock.now());
    const b = await bot(store, clock);
    for (let i = 0; i < 4; i += 1) await b.notify('1', i, true);
    clock.set('2025-03-01T17:59:59.999Z');
    const writing = b.notify('1', 50, true);
    expect(await b.notifier.flushDigests()).toBe(1);
    await writing;
    clock.set('2025-03-02T18:00:00Z');
    await b.notifier.flushDigests();
    const counts = (await b.digestsTo('1')).map((m) => Number(/(\d+) flagged/.exec(m.text)![1]));
    expect(counts.reduce((a, c) => a + c, 0)).toBe(5);
    const restarted = await bot(store, clock);
    expect(await restarted.notifier.flushDigests()).toBe(0);
  });

  it('a daily digest collects the day\'s lines and goes out at the digest hour, once', async () => {
    const clock = new ManualClock();
    clock.set('2025-03-01T09:00:00Z');
    const store = new MemoryStore(() => clock.now());
    const b = await bot(store, clock);
    for (let i = 0; i < 30; i += 1) expect(await b.notify('1', i, true)).toBe('digest');
    expect(b.notifier.nextDigestAt()).toBe(Date.parse('2025-03-01T18:00:00Z'));
    const restarted = await bot(store, clock);
    clock.set('2025-03-01T18:00:00Z');
    expect(await restarted.notifier.flushDigests()).toBe(1);
    const [digest] = await restarted.digestsTo('1');
    expect(digest!.text).toBe('ACTS daily digest: 30 flagged messages since the last digest. All of them are archived as evidence.');
    expect(digest!.fields![0]).toEqual({ label: 'Earlier', value: '20 more, in the evidence export' });
    expect(await restarted.notifier.flushDigests()).toBe(0);
  });
});

describe('digests in the bot\'s SQLite store (as the runtime opens it)', () => {
  it('survive two restarts: the waiting one is sent once with its count and newest lines, then nothing again', async () => {
    const dir = tempDir('digest');
    const url = `sqlite://${path.join(dir, 'acts.bot.sqlite')}`;
    const clock = new ManualClock();
    try {
      let documents = await openDocumentStore(url, 'bot');
      const first = await bot(new CachedStore(documents), clock);
      await Promise.all(Array.from({ length: 300 }, (_, i) => first.notify('1', i)));
      expect(await first.notify('1', 299)).toBe('duplicate');
      await documents.close();

      documents = await openDocumentStore(url, 'bot');
      const second = await bot(new CachedStore(documents), clock);
      clock.advance(HOUR);
      expect(await second.notifier.flushDigests()).toBe(1);
      const [digest] = await second.digestsTo('1');
      expect(digest!.text).toMatch(/^ACTS digest: 295 more/);
      expect(digest!.fields![0]).toEqual({ label: 'Earlier', value: '285 more, in the evidence export' });
      expect(digest!.fields!.slice(1).map((f) => f.value.split('record ')[1])).toEqual(Array.from({ length: 10 }, (_, k) => `rec-${290 + k}`));
      await documents.close();

      documents = await openDocumentStore(url, 'bot');
      const third = await bot(new CachedStore(documents), clock);
      expect(third.notifier.nextDigestAt()).toBeUndefined();
      expect(await third.notify('1', 7)).toBe('duplicate');
      await documents.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a digest that cannot be queued', () => {
  class FailingStore extends MemoryStore {
    failDigests = 0;
    override async add<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
      if (key.startsWith(`${NOTICE_PREFIX}digest-`) && this.failDigests > 0) {
        this.failDigests -= 1;
        throw new Error('disk full');
      }
      return super.add(key, value, ttlMs);
    }
  }

  it('waits with its lines (and any that arrived since) for the next flush, and is then sent once', async () => {
    const clock = new ManualClock();
    clock.set('2025-03-01T09:00:00Z');
    const store = new FailingStore(() => clock.now());
    const b = await bot(store, clock);
    for (let i = 0; i < 3; i += 1) await b.notify('1', i, true);
    clock.set('2025-03-01T18:00:00Z');
    store.failDigests = 1;
    await expect(b.notifier.flushDigests()).rejects.toThrow('disk full');
    await b.notify('1', 3, true);
    expect(b.notifier.nextDigestAt()).toBe(Date.parse('2025-03-01T18:00:00Z'));
    expect(await b.notifier.flushDigests()).toBe(1);
    expect((await b.digestsTo('1')).map((m) => m.text)).toEqual([expect.stringMatching(/: 4 flagged messages/)]);
    const restarted = await bot(store, clock);
    clock.set('2025-03-02T18:00:00Z');
    expect(await restarted.notifier.flushDigests()).toBe(0);
  });
});

describe('digest rows written by the previous version (one row per line, no batch)', () => {
  const CREATED = Date.parse('2025-03-01T09:00:00Z');

  /** What the previous version stored for line `i` of a flood at `to`: no expiry, tombstoned once sent. */
  async function writeOldRows(store: MemoryStore, to: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = `verdict-${to}-${i}`;
      ids.push(id);
      const value = { state: 'digest', recipientKey: `telegram:${to}`, contact: { platform: 'telegram', userId: to }, entry: entry(i), reason: 'flood', dueAt: CREATED + HOUR, createdAt: CREATED + i };
      await store.set(NOTICE_PREFIX + id, value);
    }
    return ids;
  }

  it('load and are sent once, with their count and newest lines; then their rows become expiring tombstones', async () => {
    const clock = new ManualClock(CREATED + 100);
    const store = new MemoryStore(() => clock.now());
    const ids = await writeOldRows(store, '1', 25);
    const upgraded = await bot(store, clock);
    expect(upgraded.notifier.nextDigestAt()).toBe(CREATED + HOUR);
    expect(await upgraded.notify('1', 3)).toBe('duplicate');
    clock.set('2025-03-01T10:00:00Z');
    expect(await upgraded.notifier.flushDigests()).toBe(1);
    const [digest] = await upgraded.digestsTo('1');
    expect(digest!.text).toMatch(/^ACTS digest: 25 more/);
    expect(digest!.fields!.at(-1)!.value).toMatch(/record rec-24$/);
    expect(await store.get(NOTICE_PREFIX + ids[0])).toEqual({ state: 'done', at: clock.now() });
    const restarted = await bot(store, clock);
    expect(await restarted.notifier.flushDigests()).toBe(0);
    clock.advance(9 * 24 * HOUR);
    expect(await store.get(NOTICE_PREFIX + ids[0])).toBeUndefined();
  });

  it('share one digest with lines that arrived after the upgrade', async () => {
    const clock = new ManualClock(CREATED + 100);
    const store = new MemoryStore(() => clock.now());
    await writeOldRows(store, '1', 7);
    const upgraded = await bot(store, clock);
    for (let i = 7; i < 7 + THRESHOLD; i += 1) expect(await upgraded.notify('1', i)).toBe('queued');
    await flood(upgraded, '1', 7 + THRESHOLD, 11 + THRESHOLD);
    clock.set('2025-03-01T10:00:00Z');
    expect(await upgraded.notifier.flushDigests()).toBe(1);
    expect((await upgraded.digestsTo('1')).map((m) => m.text)).toEqual([expect.stringMatching(/^ACTS digest: 11 more/)]);
    const restarted = await bot(store, clock);
    expect(await restarted.notifier.flushDigests()).toBe(0);
  });

  it('are not sent twice when the previous version had queued their digest before it stopped', async () => {
    const clock = new ManualClock(CREATED + 100);
    const store = new MemoryStore(() => clock.now());
    const ids = await writeOldRows(store, '1', 9);
    // The previous version named a digest after its lines' ids, oldest first, and tombstoned them after queueing it.
    const queuedBefore = `digest-${sha256(`telegram:1|${ids.join(',')}`)}`;
    await store.set(NOTICE_PREFIX + queuedBefore, { state: 'done', at: CREATED + HOUR });
    const upgraded = await bot(store, clock);
    clock.set('2025-03-01T10:00:00Z');
    await upgraded.notifier.flushDigests();
    expect(await upgraded.digestsTo('1')).toEqual([]);
    expect(await store.get(NOTICE_PREFIX + ids[0])).toEqual({ state: 'done', at: clock.now() });
  });
});
