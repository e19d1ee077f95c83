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
  /** CPU time of the work (user + system), which the machine's load moves far less than wall time. */
  cpuMs: number;
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
    const perSecond = (n: number, ms: number): number => Math.round(n / (ms / 1000));
    const rates = (r: ChildResult, n = r.messages): string =>
      `${perSecond(n, r.ms).toLocaleString('en')} msgs/s (${perSecond(n, r.cpuMs).toLocaleString('en')} per CPU-second), ${(mb(r.bytes) / (r.ms / 1000)).toFixed(1)} MB/s, peak RSS ${r.maxRssMb.toFixed(0)} MB`;
    const readMbps = mb(tRead.bytes) / (tRead.ms / 1000);
    const importMbps = mb(tImport.bytes) / (tImport.ms / 1000);
    const measured = full instanceof Error ? undefined : full;
    return {
      title: 'History import (acts scan importers, each in its own process)',
      lines: [
        `Telegram result.json: ${tImport.messages.toLocaleString('en')} messages, ${mb(telegramBytes).toFixed(0)} MB`,
        `  import   ${rates(tImport)}`,
        `  baseline reading the bytes only: ${readMbps.toFixed(0)} MB/s, peak RSS ${tRead.maxRssMb.toFixed(0)} MB (import is ${(readMbps / importMbps).toFixed(1)}x slower than raw reading)`,
        `  on ${mb(naive.bytes).toFixed(0)} MB: streaming import peak RSS ${streamed.maxRssMb.toFixed(0)} MB vs ${naive.maxRssMb.toFixed(0)} MB reading it whole with JSON.parse (baseline; grows with the file)`,
        measured
          ? `  full scan (pipeline + evidence) of ${measured.messages.toLocaleString('en')} messages, ${measured.analysed ?? 0} aimed at the owner: ${rates(measured)}; ${perSecond(measured.analysed ?? 0, measured.cpuMs).toLocaleString('en')} analysed per CPU-second`
          : `  full scan (pipeline + evidence): not measured: ${(full as Error).message}`,
        `Slack export folder: ${channels} channels x ${days} days, ${sImport.messages.toLocaleString('en')} messages, ${mb(sImport.bytes).toFixed(0)} MB`,
        `  import   ${rates(sImport)}`,
      ],
      json: {
        scan_msgs_per_s: perSecond(tImport.messages, tImport.ms),
        scan_msgs_per_cpu_s: perSecond(tImport.messages, tImport.cpuMs),
        // The largest of the importers and, when measured, the whole scan: what a person running it would see.
        scan_peak_rss_mb: Math.round(Math.max(tImport.maxRssMb, sImport.maxRssMb, measured?.maxRssMb ?? 0)),
        scan_telegram_messages: tImport.messages,
        scan_telegram_mb: Math.round(mb(telegramBytes)),
        scan_telegram_mb_per_s: Number(importMbps.toFixed(1)),
        scan_telegram_peak_rss_mb: Math.round(tImport.maxRssMb),
        scan_read_baseline_mb_per_s: Math.round(readMbps),
        scan_naive_parse_peak_rss_mb: Math.round(naive.maxRssMb),
        scan_naive_parse_mb: Math.round(mb(naive.bytes)),
        scan_slack_messages: sImport.messages,
        scan_slack_mb: Math.round(mb(sImport.bytes)),
        scan_slack_msgs_per_s: perSecond(sImport.messages, sImport.ms),
        scan_slack_msgs_per_cpu_s: perSecond(sImport.messages, sImport.cpuMs),
        scan_slack_peak_rss_mb: Math.round(sImport.maxRssMb),
        ...(measured
          ? {
              scan_full_msgs_per_s: perSecond(measured.messages, measured.ms),
              scan_full_analysed_per_cpu_s: perSecond(measured.analysed ?? 0, measured.cpuMs),
              scan_full_peak_rss_mb: Math.round(measured.maxRssMb),
            }
          : {}),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
