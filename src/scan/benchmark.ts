// `acts bench` section for history import: generates a large synthetic Telegram export and a Slack export
// folder on disk, and measures each importer in a child process (messages/s, MB/s, peak RSS of that
// process alone) next to the baseline of merely reading the same bytes. Asserts nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchSection } from '../cli/report.js';
import { writeSlackExport, writeTelegramExport } from './synthetic-export.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./bench-child.ts', import.meta.url));

interface ChildResult {
  messages: number;
  analysed?: number;
  bytes: number;
  ms: number;
  maxRssMb: number;
}

async function child(mode: 'import' | 'read' | 'naive' | 'scan', file: string, dataDir?: string): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, mode, file, ...(dataDir ? [dataDir] : [])], { maxBuffer: 1 << 20, env: { ...process.env, ACTS_LOG_LEVEL: 'silent' } });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult & { error?: string };
  if (result.error) throw new Error(result.error);
  return result;
}

export async function benchmark(opts: { quick: boolean }): Promise<BenchSection> {
  const dir = await mkdtemp(path.join(tmpdir(), 'acts-scan-bench-'));
  try {
    const telegramMessages = opts.quick ? 100_000 : 2_000_000;
    const telegram = path.join(dir, 'result.json');
    await writeTelegramExport(telegram, telegramMessages);
    const telegramBytes = (await stat(telegram)).size;
    const tRead = await child('read', telegram);
    const tImport = await child('import', telegram);
    // The whole scan (pipeline + archive) on a smaller export: every other message is aimed at the owner.
    const scanFile = path.join(dir, 'scan-result.json');
    await writeTelegramExport(scanFile, opts.quick ? 50_000 : 200_000);
    const full = await child('scan', scanFile, path.join(dir, 'data')).catch((error: Error) => error);
    const naive = await child('naive', scanFile);
    const streamed = await child('import', scanFile);

    const slackDir = path.join(dir, 'slack');
    const [channels, days, perDay] = opts.quick ? [20, 10, 100] : [200, 100, 200];
    await writeSlackExport(slackDir, channels, days, perDay);
    const sImport = await child('import', slackDir);

    const mb = (b: number): number => b / (1024 * 1024);
    const tRate = Math.round(tImport.messages / (tImport.ms / 1000));
    const sRate = Math.round(sImport.messages / (sImport.ms / 1000));
    const tMbps = mb(tImport.bytes) / (tImport.ms / 1000);
    const readMbps = mb(tRead.bytes) / (tRead.ms / 1000);
    return {
      title: 'History import (acts scan importers, each in its own process)',
      lines: [
        `Telegram result.json: ${tImport.messages.toLocaleString('en')} messages, ${mb(telegramBytes).toFixed(0)} MB`,
        `  import   ${tRate.toLocaleString('en')} msgs/s, ${tMbps.toFixed(1)} MB/s, peak RSS ${tImport.maxRssMb.toFixed(0)} MB`,
        `  baseline reading the bytes only: ${readMbps.toFixed(0)} MB/s, peak RSS ${tRead.maxRssMb.toFixed(0)} MB (import is ${(readMbps / tMbps).toFixed(1)}x slower than raw reading)`,
        full instanceof Error
          ? `  full scan (pipeline + evidence): not measured: ${full.message}`
          : `  full scan (pipeline + evidence) of ${full.messages.toLocaleString('en')} messages, ${full.analysed} aimed at the owner: ${Math.round(full.messages / (full.ms / 1000)).toLocaleString('en')} msgs/s read, ${Math.round((full.analysed ?? 0) / (full.ms / 1000)).toLocaleString('en')} analysed/s, peak RSS ${full.maxRssMb.toFixed(0)} MB`,
        `  on ${mb(naive.bytes).toFixed(0)} MB: streaming import peak RSS ${streamed.maxRssMb.toFixed(0)} MB vs ${naive.maxRssMb.toFixed(0)} MB reading it whole with JSON.parse (baseline; grows with the file)`,
        `Slack export folder: ${channels} channels x ${days} days, ${sImport.messages.toLocaleString('en')} messages, ${mb(sImport.bytes).toFixed(0)} MB`,
        `  import   ${sRate.toLocaleString('en')} msgs/s, ${(mb(sImport.bytes) / (sImport.ms / 1000)).toFixed(1)} MB/s, peak RSS ${sImport.maxRssMb.toFixed(0)} MB`,
      ],
      json: {
        scan_msgs_per_s: tRate,
        // The largest of the importers and, when measured, the whole scan: what a person running it would see.
        scan_peak_rss_mb: Math.round(Math.max(tImport.maxRssMb, sImport.maxRssMb, full instanceof Error ? 0 : full.maxRssMb)),
        scan_telegram_messages: tImport.messages,
        scan_telegram_mb: Math.round(mb(telegramBytes)),
        scan_telegram_mb_per_s: Number(tMbps.toFixed(1)),
        scan_telegram_peak_rss_mb: Math.round(tImport.maxRssMb),
        scan_read_baseline_mb_per_s: Math.round(readMbps),
        scan_naive_parse_peak_rss_mb: Math.round(naive.maxRssMb),
        scan_naive_parse_mb: Math.round(mb(naive.bytes)),
        scan_slack_messages: sImport.messages,
        scan_slack_mb: Math.round(mb(sImport.bytes)),
        scan_slack_msgs_per_s: sRate,
        scan_slack_peak_rss_mb: Math.round(sImport.maxRssMb),
        ...(full instanceof Error
          ? {}
          : { scan_full_msgs_per_s: Math.round(full.messages / (full.ms / 1000)), scan_full_analysed_per_s: Math.round((full.analysed ?? 0) / (full.ms / 1000)), scan_full_peak_rss_mb: Math.round(full.maxRssMb) }),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
