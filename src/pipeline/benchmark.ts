// `acts bench`, pipeline section: the whole pipeline (all five modules, one recipient per message, each
// recipient with rules and an offender history so α runs for real) over ≥ 50,000 messages on one core.
import { performance } from 'node:perf_hooks';
import type { BenchSection } from '../cli/report.js';
import type { Message, Recipient } from '../core/types.js';
import { KvRecipientStateStore } from '../state/kv-state-store.js';
import { ActsAnalyser } from './acts-analyser.js';
import { peakRssMb } from '../observability/peak-rss.js';
import { BenchmarkTexts } from './benchmark-texts.js';
import { loadShippedPipeline } from './shipped.js';

const RECIPIENTS = 500;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function seedRecipients(states: KvRecipientStateStore, texts: BenchmarkTexts): Promise<void> {
  for (let r = 0; r < RECIPIENTS; r++) {
    const key = `discord:${1000 + r}`;
    await states.addRule(key, { when: { kind: 'all', of: [{ kind: 'dateWindow', from: '03-01', to: '03-07' }, { kind: 'word', word: 'birthday' }] }, description: 'window and word' });
    await states.addRule(key, { when: { kind: 'phrase', phrase: 'see you soon' }, description: 'phrase' });
    await states.confirmOffender(key, `discord:${9000 + r}`, texts.slice(r * 20, r * 20 + 20));
  }
}

function benchMessage(texts: BenchmarkTexts, i: number): Message {
  return {
    platform: 'discord',
    workspaceId: 'g1',
    channelId: 'c1',
    messageId: String(i),
    author: { id: String(5000 + (i % 3000)), displayName: 'sender' },
    text: texts.at(i),
    sentAt: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(),
    mentions: [String(1000 + (i % RECIPIENTS))],
    attachments: [],
    isDirect: false,
  };
}

function benchRecipients(i: number): Recipient[] {
  const userId = String(1000 + (i % RECIPIENTS));
  return [{ key: `discord:${userId}`, platform: 'discord', userId, reason: 'mention' }];
}

export async function benchmark({ quick }: { quick: boolean }): Promise<BenchSection> {
  const count = quick ? 10_000 : 50_000;
  const loadStart = performance.now();
  const pipeline = loadShippedPipeline();
  const modelLoadMs = performance.now() - loadStart;

  const texts = new BenchmarkTexts(count);
  const states = new KvRecipientStateStore();
  await seedRecipients(states, texts);
  let archived = 0;
  const analyser = new ActsAnalyser({ pipeline, states, sink: { archive: async () => ({ id: `e${++archived}`, duplicate: false }) } });

  // Warm-up: profiles fitted and code optimised before the clock starts, as in a running bot.
  for (let i = 0; i < RECIPIENTS * 2; i++) await analyser.analyse(benchMessage(texts, i), benchRecipients(i));
  archived = 0;

  // Each message is made just before it is analysed, as a bot receives it, rather than all 50,000 held
  // from the start: the peak memory is then the pipeline's. Making it counts in the throughput, not in
  // the latency.
  const latencies = new Float64Array(count);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const m = benchMessage(texts, i);
    const r = benchRecipients(i);
    const t = performance.now();
    await analyser.analyse(m, r);
    latencies[i] = performance.now() - t;
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort();
  const perSecond = Math.round(count / seconds);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  const rss = Math.round(peakRssMb());
  return {
    title: `Whole pipeline (${count} messages, ${RECIPIENTS} recipients with rules and offender histories)`,
    lines: [
      `throughput      ${perSecond} messages/s on one core`,
      `latency         p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms per message`,
      `flagged or grey ${archived} (${((100 * archived) / count).toFixed(1)} %)`,
      `model load      ${modelLoadMs.toFixed(0)} ms`,
      `peak RSS        ${rss} MB (process so far)`,
    ],
    json: {
      pipeline_msgs_per_s: perSecond,
      pipeline_p50_ms: Number(p50.toFixed(4)),
      pipeline_p99_ms: Number(p99.toFixed(4)),
      model_load_ms: Math.round(modelLoadMs),
      rss_mb: rss,
    },
  };
}
