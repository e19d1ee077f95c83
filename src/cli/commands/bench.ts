// `acts bench [--json] [--quick] [--only AREA,...]`: throughput and memory figures of every area, measured
// in one run so ratios against the baselines hold. Asserts nothing.
import { parseArgs } from 'node:util';
import type { BenchSection } from '../report.js';
import { loadSections } from '../sections.js';
import { peakRssMb } from '../../observability/peak-rss.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write('usage: acts bench [--json] [--quick] [--only pipeline,evidence]\n');
    return 0;
  }
  const sections = await loadSections<BenchSection>('benchmark.ts', 'benchmark', values.only?.split(','));
  const json: Record<string, number | string> = { node: process.version, date: new Date().toISOString() };
  for (const { fn } of sections) {
    const section = await (fn as (o: { quick: boolean }) => Promise<BenchSection>)({ quick: values.quick ?? false });
    Object.assign(json, section.json);
    process.stdout.write(`\n== ${section.title}\n${section.lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
  const pipeline = Number(json.pipeline_msgs_per_s);
  const bayes = Number(json.baseline_bayes_msgs_per_s);
  if (pipeline > 0 && bayes > 0) {
    json.pipeline_vs_bayes_ratio = Number((pipeline / bayes).toFixed(2));
    process.stdout.write(`\n== Ratio\n  whole pipeline / natural BayesClassifier alone: ${json.pipeline_vs_bayes_ratio}× (same run)\n`);
  }
  // rss_mb is the pipeline's own peak (its section runs first); this is the whole run's, baselines included.
  json.process_peak_rss_mb = Math.round(peakRssMb());
  if (values.json) process.stdout.write(`${JSON.stringify(json)}\n`);
  return 0;
}
