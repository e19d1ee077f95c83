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
  bytes: number;
  ms: number;
  maxRssMb: number;
}

async function child(mode: 'import' | 'read', file: string): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, mode, file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
}

async function folderBytes(dir: string, file?: string): Promise<number> {
  return file ? (await stat(file)).size : 0;
}

export async function benchmark(opts: { quick: boolean }): Promise<BenchSection> {
  const dir = await mkdtemp(path.join(tmpdir(), 'acts-scan-bench-'));
  try {
    const telegramMessages = opts.quick ? 100_000 : 2_000_000;
    const telegram = path.join(dir, 'result.json');
    await writeTelegramExport(telegram, telegramMessages);
    const telegramBytes = await folderBytes(dir, telegram);
    const tRead = await child('read', telegram);
    const tImport = await child('import', telegram);

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
        `Slack export folder: ${channels} channels x ${days} days, ${sImport.messages.toLocaleString('en')} messages, ${mb(sImport.bytes).toFixed(0)} MB`,
        `  import   ${sRate.toLocaleString('en')} msgs/s, ${(mb(sImport.bytes) / (sImport.ms / 1000)).toFixed(1)} MB/s, peak RSS ${sImport.maxRssMb.toFixed(0)} MB`,
      ],
      json: {
        scan_msgs_per_s: tRate,
        scan_peak_rss_mb: Math.round(Math.max(tImport.maxRssMb, sImport.maxRssMb)),
        scan_telegram_messages: tImport.messages,
        scan_telegram_mb: Math.round(mb(telegramBytes)),
        scan_telegram_mb_per_s: Number(tMbps.toFixed(1)),
        scan_telegram_peak_rss_mb: Math.round(tImport.maxRssMb),
        scan_read_baseline_mb_per_s: Math.round(readMbps),
        scan_slack_messages: sImport.messages,
        scan_slack_mb: Math.round(mb(sImport.bytes)),
        scan_slack_msgs_per_s: sRate,
        scan_slack_peak_rss_mb: Math.round(sImport.maxRssMb),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
