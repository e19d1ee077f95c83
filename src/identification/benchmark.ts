// `acts bench` section for α: writeprint + identify throughput on one core (each new message joins the
// sender's burst of 5 and is scored against a 200-message profile), and the profile fit time.
import type { BenchSection } from '../cli/report.js';
import { loadIdentifier } from './identifier.js';
import type { WriteprintVector } from './space.js';
import { trigramScorer } from './trigram-baseline.js';

const WORDS = ['the', 'you', 'i', 'think', 'really', 'know', 'what', 'going', 'on', 'with', 'this', 'thing', 'lol', 'so',
  'anyway', 'later', 'dont', 'care', 'ok', 'why', 'would', 'anyone', 'do', 'that', 'u', 'see', 'tomorrow', 'sure'];

/** Deterministic chat-like lines (a linear congruential generator), so runs compare. */
export function syntheticMessages(count: number, seed = 1): string[] {
  let s = seed >>> 0;
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 3 + Math.floor(next() * 12);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    if (next() < 0.3) words[0] = words[0]!.toUpperCase();
    out.push(words.join(' ') + (['', '.', '?', '!!', ' :)', '...'][Math.floor(next() * 6)] ?? ''));
  }
  return out;
}

export async function benchmark({ quick }: { quick: boolean }): Promise<BenchSection> {
  const t0 = performance.now();
  const identifier = loadIdentifier();
  const loadMs = performance.now() - t0;
  const history = syntheticMessages(200, 7);
  let profile = identifier.buildProfile(history);
  const fits = quick ? 5 : 20;
  const f0 = performance.now();
  for (let i = 0; i < fits; i++) profile = identifier.buildProfile(history);
  const fitMs = (performance.now() - f0) / fits;
  const stream = syntheticMessages(quick ? 20_000 : 100_000, 11);
  const burst: WriteprintVector[] = stream.slice(0, 5).map((t) => identifier.writeprint(t));
  let sink = 0;
  // Warm-up, so the JIT has compiled the hot loops before timing.
  for (let i = 0; i < 2000; i++) sink += identifier.identify(profile, burst).score;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < stream.length; i++) {
    burst[i % 5] = identifier.writeprint(stream[i]!);
    sink += identifier.identify(profile, burst).score;
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0);
  // CPU time is what "one core" means on a shared machine; wall-clock time is shown beside it.
  const cpuSeconds = (used.user + used.system) / 1e6;
  const rate = Math.round(stream.length / cpuSeconds);
  const wallRate = Math.round(stream.length / seconds);
  // Same-run baseline: character-trigram counts of the new message and their cosine to the profile's.
  const baseline = trigramScorer(history);
  const b0 = process.cpuUsage();
  for (let i = 0; i < stream.length; i++) sink += baseline([stream[i]!]);
  const b1 = process.cpuUsage(b0);
  const baseRate = Math.round(stream.length / ((b1.user + b1.system) / 1e6));
  return {
    title: 'Attacker identification α (writeprints)',
    lines: [
      `writeprint + identify (burst of 5, profile of 200): ${rate.toLocaleString('en')} msgs per CPU-second on one core (${((cpuSeconds * 1e6) / stream.length).toFixed(1)} µs each; ${wallRate.toLocaleString('en')} msgs/s by wall clock)`,
      `char-trigram cosine baseline (same run): ${baseRate.toLocaleString('en')} msgs per CPU-second; α / baseline = ${(rate / baseRate).toFixed(2)}`,
      `profile fit (200 messages, ml-pca): ${fitMs.toFixed(1)} ms; model load ${loadMs.toFixed(0)} ms`,
      `(checksum ${sink.toFixed(1)})`,
    ],
    json: { identify_msgs_per_s: rate, identify_msgs_per_s_wall: wallRate, profile_fit_ms: Number(fitMs.toFixed(2)), identify_model_load_ms: Math.round(loadMs), identify_baseline_trigram_msgs_per_s: baseRate },
  };
}
