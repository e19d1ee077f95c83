// `acts bench --only bot` section: verdict notices pushed through the Notifier into the bot's own SQLite
// store (a CachedStore over the group-committing DocumentStore, as the runtime opens it), by as many callers
// at once as the inbound queue runs. Two floods: every notice at one person, and spread across 1,000
// people. Reports what the waiting digests keep in memory (heap and RSS after a full GC), notify()
// throughput, the time of the flush that sends them and of a restart's load(). Asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { BenchSection } from '../cli/report.js';
import { createLogger } from '../observability/logger.js';
import { openDocumentStore } from '../storage/document-store.js';
import { CachedStore } from './cached-store.js';
import { ManualClock } from './clock.js';
import { DeliveryQueue } from './delivery-queue.js';
import { DEFAULT_NOTIFIER_OPTIONS, Notifier, type DigestEntry } from './notifier.js';
import type { OutboundMessage } from './ports.js';

/** The inbound queue's default concurrency (BotServiceOptions.inboundConcurrency). */
const CONCURRENCY = 64;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function settledHeap(): { heapMb: number; rssMb: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 };
}

interface FloodFigures {
  notifyPerS: number;
  heapMb: number;
  rssMb: number;
  flushMs: number;
  loadMs: number;
  loadedHeapMb: number;
}

async function flood(dir: string, n: number, people: number): Promise<FloodFigures> {
  const clock = new ManualClock();
  const log = createLogger({ level: 'silent' });
  const documents = await openDocumentStore(`sqlite://${path.join(dir, `bot-${people}.sqlite`)}`, 'bot');
  const store = new CachedStore(documents);
  const queue = new DeliveryQueue(store, new Map(), clock, log);
  const notifier = new Notifier(store, queue, clock, log);
  const before = settledHeap();
  const start = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < n; i = next++) {
      const person = 1_000_000 + (i % people);
      const handle = `h${String(i).padStart(15, '0')}`;
      const entry: DigestEntry = { verdict: 'cyberstalking', from: `Sender ${i % 97}`, where: 'Book club', when: new Date(clock.now()).toISOString(), evidenceId: `rec-${i}-0123456789abcdef`, handle };
      const message: OutboundMessage = { text: 'ACTS flagged a message sent to you.', fields: [{ label: 'from', value: entry.from }], buttons: [] };
      const handleEntry = { key: `act:${handle}`, value: { recipientKey: `telegram:${person}`, evidenceId: entry.evidenceId }, ttlMs: 400 * 86_400_000 };
      await notifier.notify(`telegram:${person}`, { platform: 'telegram', userId: String(person) }, `verdict-bench-${i}`, message, entry, false, [handleEntry]);
      if (i % 1000 === 999) clock.advance(1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const notifyMs = performance.now() - start;
  const after = settledHeap();

  const restarted = new Notifier(store, new DeliveryQueue(store, new Map(), clock, log), clock, log);
  const loadStart = performance.now();
  await restarted.load();
  const loadMs = performance.now() - loadStart;
  const loaded = settledHeap();
  if (restarted.nextDigestAt() === undefined) throw new Error('the restart found no waiting digest');

  clock.advance(DEFAULT_NOTIFIER_OPTIONS.floodWindowMs);
  const flushStart = performance.now();
  await notifier.flushDigests();
  const flushMs = performance.now() - flushStart;
  await documents.close();
  return {
    notifyPerS: Math.round(n / (notifyMs / 1000)),
    heapMb: after.heapMb - before.heapMb,
    rssMb: after.rssMb - before.rssMb,
    flushMs,
    loadMs,
    loadedHeapMb: loaded.heapMb - after.heapMb,
  };
}

export async function benchmark({ quick }: { quick: boolean }): Promise<BenchSection> {
  const n = quick ? 20_000 : 200_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'acts-bench-notifier-'));
  try {
    const one = await flood(dir, n, 1);
    const spread = await flood(dir, n, 1_000);
    const row = (what: string, f: FloodFigures) =>
      `${what}: notify ${f.notifyPerS} notices/s; kept after GC: heap +${f.heapMb.toFixed(1)} MB, RSS +${f.rssMb.toFixed(1)} MB; flush ${f.flushMs.toFixed(0)} ms; restart load ${f.loadMs.toFixed(0)} ms, heap +${f.loadedHeapMb.toFixed(1)} MB`;
    const json: Record<string, number> = {};
    for (const [name, f] of [['one', one], ['spread', spread]] as const) {
      json[`notifier_${name}_notify_per_s`] = f.notifyPerS;
      json[`notifier_${name}_heap_mb`] = Number(f.heapMb.toFixed(1));
      json[`notifier_${name}_rss_mb`] = Number(f.rssMb.toFixed(1));
      json[`notifier_${name}_flush_ms`] = Math.round(f.flushMs);
      json[`notifier_${name}_load_ms`] = Math.round(f.loadMs);
      json[`notifier_${name}_loaded_heap_mb`] = Number(f.loadedHeapMb.toFixed(1));
    }
    return {
      title: `Notifier: ${n.toLocaleString('en')} flagged-message notices into the bot's SQLite store, ${CONCURRENCY} at a time`,
      lines: [row('all at one person', one), row('across 1,000 people', spread)],
      json,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
