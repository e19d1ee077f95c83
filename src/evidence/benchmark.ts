// `acts bench` section: signed, chained records archived per second into SQLite, against baselines measured
// in the same run (plain unsigned keyv sets into the same kind of file; signing alone, no storage), and the
// time to export and verify a large bundle. JavaScript runs on one thread; SQLite writes on libuv's pool.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSection } from '../cli/report.js';
import type { Analysis } from '../core/types.js';
import { SqliteStore } from '../storage/sqlite-store.js';
import { openEvidenceArchive } from './archive.js';
import { loadOrCreateKey } from './key-file.js';
import { signRecord } from './record-codec.js';
import { signerFor } from './signing.js';
import { verifyBundle } from './verify/verify-bundle.js';

function sample(n: number, recipient: string): Analysis {
  return {
    message: {
      platform: 'discord', workspaceId: '900000000000000001', channelId: '900000000000000002', channelName: 'general',
      messageId: String(10n ** 18n + BigInt(n)), author: { id: '900000000000000666', displayName: 'sender' },
      text: `sample message ${n}: `.padEnd(200, 'x'), sentAt: new Date(1_700_000_000_000 + n * 1000).toISOString(),
      mentions: [], attachments: [], isDirect: false, permalink: `https://discord.com/channels/1/2/${n}`, audience: { count: 25 },
    },
    recipient: { key: recipient, platform: 'discord', userId: recipient.slice(8), reason: 'mention' },
    verdict: {
      label: 'cyberstalking', score: 0.9, rule: 'β=1',
      modules: {
        offender: { listed: false, senderKey: 'discord:900000000000000666' },
        detection: { label: 'cyberstalking', score: 0.9, topFeatures: ['a', 'b'], modelId: 'bench' },
        identification: { label: 'not', score: 0, burstSize: 1, historySize: 0, details: {} },
        personalisation: { value: 0, matches: [], allowed: false },
      },
    },
    analysedAt: new Date(1_700_000_000_000 + n * 1000).toISOString(),
  };
}

const perSecond = (n: number, ms: number): number => Math.round(n / (ms / 1000));
const cpuSeconds = (used: NodeJS.CpuUsage): number => (used.user + used.system) / 1e6;

/** As the bot runs it: SQLite (WAL, synchronous=FULL), records encrypted at rest, in the RFC 6962 log. */
const openBench = (dir: string) =>
  openEvidenceArchive({ storeUrl: `sqlite://${path.join(dir, 'evidence.sqlite')}`, keyFile: path.join(dir, 'key.pem'), encryptionKeyFile: path.join(dir, 'evidence.key') });

async function archiveMany(dir: string, n: number, concurrency: number, recipients: number): Promise<{ ms: number; cpuUs: number }> {
  const archive = await openBench(dir);
  const cpu = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < n; i = next++) await archive.archive(sample(i, `discord:${100 + (i % recipients)}`));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await archive.close();
  return { ms, cpuUs: used.user + used.system };
}

async function keyvBaseline(dir: string, n: number): Promise<number> {
  const store = new SqliteStore({ file: path.join(dir, 'baseline.sqlite'), namespace: 'baseline' });
  const value = JSON.stringify(sample(0, 'discord:1'));
  const start = performance.now();
  for (let i = 0; i < n; i++) await store.writeBatch([[`k${i}`, value]]);
  const ms = performance.now() - start;
  await store.close();
  return perSecond(n, ms);
}

function signOnlyBaseline(dir: string, n: number): number {
  const signer = signerFor(loadOrCreateKey(path.join(dir, 'sign-only.pem')).privateKey);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const a = sample(i, 'discord:1');
    signRecord({ v: 1, id: `x-${i}`, kind: 'message', recipient: 'discord:1', seq: i, prev: '0'.repeat(64), archivedAt: a.analysedAt, message: a.message, verdict: a.verdict, keyId: signer.keyId }, signer);
  }
  return perSecond(n, performance.now() - start);
}

export async function benchmark({ quick }: { quick: boolean }): Promise<BenchSection> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'acts-bench-evidence-'));
  try {
    const n = quick ? 5_000 : 20_000;
    const bulk = quick ? 10_000 : 100_000;
    const baseline = await keyvBaseline(dir, quick ? 1_000 : 3_000);
    const signOnly = signOnlyBaseline(dir, n);
    const sequential = await archiveMany(path.join(dir, 'seq'), quick ? 1_000 : 3_000, 1, 1);
    const concurrent = await archiveMany(path.join(dir, 'concurrent'), n, 256, 50);
    const seqRate = perSecond(quick ? 1_000 : 3_000, sequential.ms);
    const rate = perSecond(n, concurrent.ms);
    await archiveMany(path.join(dir, 'bulk'), bulk, 256, 1);
    const archive = await openBench(path.join(dir, 'bulk'));
    const exportStart = performance.now();
    const exportCpu = process.cpuUsage();
    await archive.exportBundle({ recipientKey: 'discord:100', outDir: path.join(dir, 'bundle'), pdf: false, timeZone: 'UTC' });
    const exportMs = performance.now() - exportStart;
    const exportCpuS = cpuSeconds(process.cpuUsage(exportCpu));
    await archive.close();
    const verifyStart = performance.now();
    const verifyCpu = process.cpuUsage();
    const verified = await verifyBundle(path.join(dir, 'bundle'));
    const verifyMs = performance.now() - verifyStart;
    const verifyCpuS = cpuSeconds(process.cpuUsage(verifyCpu));
    const label = quick ? `${bulk / 1000}k (quick)` : '100k';
    return {
      title: 'Evidence: signed, hash-chained, logged, encrypted records into SQLite (WAL, synchronous=FULL)',
      lines: [
        `archive(), 256 concurrent callers, 50 recipients: ${rate} records/s wall clock; ${Math.round(concurrent.cpuUs / n)} µs CPU per record = ${Math.round(1e6 / (concurrent.cpuUs / n))} records per CPU-second (all threads)`,
        `archive(), one caller awaiting each record:      ${seqRate} records/s`,
        `baseline: plain unsigned keyv set, one by one:    ${baseline} sets/s  → archive is ${(rate / baseline).toFixed(1)}× that`,
        `baseline: sign + chain hash only, no storage:     ${signOnly} records/s → archive reaches ${Math.round((100 * rate) / signOnly)}% of it`,
        `export ${label} records (no PDF): ${(exportMs / 1000).toFixed(1)} s (${exportCpuS.toFixed(1)} s CPU); verify: ${(verifyMs / 1000).toFixed(1)} s (${verifyCpuS.toFixed(1)} s CPU) (${verified.ok ? 'OK' : 'FAILED'})`,
        `load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores (other work on the machine slows wall-clock figures)`,
      ],
      json: {
        evidence_records_per_s: rate,
        evidence_sequential_records_per_s: seqRate,
        evidence_baseline_keyv_set_per_s: baseline,
        evidence_baseline_sign_only_per_s: signOnly,
        evidence_vs_keyv_set_ratio: Number((rate / baseline).toFixed(2)),
        evidence_cpu_us_per_record: Math.round(concurrent.cpuUs / n),
        evidence_records_per_cpu_s: Math.round(1e6 / (concurrent.cpuUs / n)),
        evidence_export_cpu_s: Number(exportCpuS.toFixed(1)),
        evidence_verify_cpu_s: Number(verifyCpuS.toFixed(1)),
        [quick ? 'export_verify_10k_s' : 'export_verify_100k_s']: Number(((exportMs + verifyMs) / 1000).toFixed(1)),
        evidence_export_s: Number((exportMs / 1000).toFixed(1)),
        evidence_verify_s: Number((verifyMs / 1000).toFixed(1)),
        evidence_verify_ok: verified.ok ? 1 : 0,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
