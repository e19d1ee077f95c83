// `acts bench` for detection: the shipped detector's throughput on one core and its load time, and
// natural's BayesClassifier (trained on the same OLID data) on the same texts, in the same run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchSection } from '../cli/report.js';
import { sharedDir } from '../cli/shared-dir.js';
import { bayesLogOdds, trainBayes } from './bayes-baseline.js';
import { readOlid } from './dataset.js';
import { loadDetector } from './detector.js';

/** Bench texts: the dev sets' texts when present, else varied synthetic chat lines. */
function benchTexts(): string[] {
  const dir = sharedDir();
  const texts: string[] = [];
  for (const f of ['olid_train.jsonl', 'davidson_dev.jsonl']) {
    const file = path.join(dir, 'data', f);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line) texts.push((JSON.parse(line) as { text: string }).text);
  }
  if (texts.length > 0) return texts;
  const words = ['you', 'are', 'such', 'a', 'nice', 'idiot', 'meeting', 'tomorrow', 'lol', 'see', 'the', 'bus', 'late', 'again', 'thanks', 'great', 'stupid', 'game', '@someone', 'https://x.y/z', '😂', 'soooo'];
  for (let i = 0; i < 20_000; i++) texts.push(Array.from({ length: 4 + (i % 17) }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(' '));
  return texts;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export async function benchmark(opts: { quick: boolean }): Promise<BenchSection> {
  const texts = benchTexts();
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    loadDetector();
    loads.push(performance.now() - t0);
  }
  const loadMs = [...loads].sort((a, b) => a - b)[2] as number;
  const detector = loadDetector();
  const n = opts.quick ? 30_000 : 200_000;
  for (let i = 0; i < Math.min(n, 20_000); i++) detector.detect(texts[i % texts.length] as string); // warm-up
  const lat = new Float64Array(n);
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    sink += detector.detect(texts[i % texts.length] as string).score;
    lat[i] = performance.now() - s;
  }
  const detectorRate = n / ((performance.now() - t0) / 1000);
  lat.sort();

  const olid = existsSync(path.join(sharedDir(), 'data', 'olid_train.jsonl')) ? readOlid(sharedDir()) : [];
  const bayes = trainBayes(olid.length > 0 ? olid.map((r) => ({ text: r.text, label: r.offensive ? 'OFF' : 'NOT' })) : texts.slice(0, 2000).map((t, i) => ({ text: t, label: i % 3 === 0 ? 'OFF' : 'NOT' })));
  const nb = opts.quick ? 200 : 1000;
  let t1 = performance.now();
  for (let i = 0; i < nb; i++) sink += bayes.classify(texts[i % texts.length] as string).length;
  const bayesRate = nb / ((performance.now() - t1) / 1000);
  t1 = performance.now();
  for (let i = 0; i < n / 10; i++) sink += bayesLogOdds(bayes, texts[i % texts.length] as string, 'OFF', 'NOT');
  const bayesSparseRate = n / 10 / ((performance.now() - t1) / 1000);
  if (Number.isNaN(sink)) process.stderr.write('');

  const r = (x: number): number => Math.round(x);
  return {
    title: `Detection β (${detector.modelId}, ${n} messages, one core)`,
    lines: [
      `detector: ${r(detectorRate)} msgs/s, p50 ${(percentile(lat, 0.5) * 1000).toFixed(1)} µs, p99 ${(percentile(lat, 0.99) * 1000).toFixed(1)} µs per message`,
      `model load: ${loadMs.toFixed(1)} ms (median of 5)`,
      `natural BayesClassifier.classify(): ${r(bayesRate)} msgs/s → detector is ${(detectorRate / bayesRate).toFixed(0)}× faster`,
      `same Bayes model scored sparsely (log-odds, not natural's API): ${r(bayesSparseRate)} msgs/s → detector is ${(detectorRate / bayesSparseRate).toFixed(1)}× faster`,
    ],
    json: {
      detector_msgs_per_s: r(detectorRate),
      detector_p50_us: Math.round(percentile(lat, 0.5) * 10000) / 10,
      detector_p99_us: Math.round(percentile(lat, 0.99) * 10000) / 10,
      detector_load_ms: Math.round(loadMs * 10) / 10,
      baseline_bayes_msgs_per_s: r(bayesRate),
      baseline_bayes_sparse_msgs_per_s: r(bayesSparseRate),
      detector_vs_bayes: Math.round((detectorRate / bayesRate) * 10) / 10,
    },
  };
}
