// `npm run load [-- --adapter telegram|slack]`: the running bot (adapters/main.ts, shipped models, SQLite,
// signed archive) behind one adapter (default Telegram: getUpdates batches from the fake Bot API; Slack:
// signed Events API requests), driven at a rising rate. Reports the highest rate it sustained with every
// event acknowledged, every harmful message's verdict notice queued with p99 event→enqueue latency under
// 50 ms, and afterwards checks the data folder: every harmful message archived exactly once, no accepted
// event left unprocessed. LOAD_BOT_ROOT runs another checkout's bot (a baseline in the same run).
// Loopback only; every loop is bounded in count and time.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BotProcess } from './bot-process.js';
import { slackTarget } from './slack-target.js';
import { percentile } from './stats.js';
import type { LoadTarget, Sent } from './target.js';
import { telegramTarget } from './telegram-target.js';
import { Traffic } from './traffic.js';
import { checkDataFolder } from './verify.js';

const PROTECTED = 40;
const STEPS = (process.env.LOAD_STEPS ?? '250,500,1000,2000,3000,4000').split(',').map(Number);
const STEP_SECONDS = Number(process.env.LOAD_STEP_SECONDS ?? 5);
const MAX_INFLIGHT = 2000;
const P99_LIMIT_MS = 50;

function adapterArg(argv: string[]): 'telegram' | 'slack' {
  const i = argv.indexOf('--adapter');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--adapter='))?.slice('--adapter='.length);
  if (value === undefined || value === 'telegram') return 'telegram';
  if (value === 'slack') return 'slack';
  throw new Error(`--adapter must be telegram or slack, got '${value}'`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(20);
  return check();
}

async function runStep(target: LoadTarget, traffic: Traffic, rate: number, seconds: number): Promise<{ sent: Sent[]; overloaded: boolean; elapsedMs: number }> {
  const sent: Sent[] = [];
  let overloaded = false;
  const total = Math.round(rate * seconds);
  const start = Date.now();
  while (sent.length < total && Date.now() - start < seconds * 1000 + 5_000) {
    const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate));
    while (sent.length < due) {
      if (target.inflight() >= MAX_INFLIGHT) {
        overloaded = true;
        break;
      }
      sent.push(target.send(traffic.next()));
    }
    await sleep(2);
  }
  const elapsedMs = Date.now() - start;
  await until(() => target.inflight() === 0 && sent.every((s) => s.acked !== undefined), 15_000);
  return { sent, overloaded: overloaded || sent.length < total, elapsedMs };
}

async function main(): Promise<number> {
  const target = adapterArg(process.argv.slice(2)) === 'slack' ? await slackTarget() : await telegramTarget();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'acts-load-'));
  const env = { ACTS_DATA_DIR: dataDir, ...target.env, ACTS_LOG_LEVEL: 'info' };
  const bot = new BotProcess(env, target.readyLog);
  process.stdout.write(`load: ${target.name} adapter, bot from ${process.env.LOAD_BOT_ROOT ?? 'this checkout'}\n`);
  const results: Array<Record<string, number | boolean>> = [];
  const allSent: Sent[] = [];
  let best = 0;
  try {
    await Promise.race([bot.ready, sleep(120_000).then(() => Promise.reject(new Error('the bot did not start within 120 s')))]);
    await target.protect(PROTECTED);
    const traffic = new Traffic(PROTECTED, Number(process.env.LOAD_HARMFUL_SHARE ?? 0.075), Number(process.env.LOAD_MENTION_SHARE ?? 0.075));
    // Warm-up (not reported): JIT, SQLite caches, first DMs.
    allSent.push(...(await runStep(target, traffic, 100, 2)).sent);
    for (const rate of STEPS) {
      const cpuBefore = bot.cpuMs();
      const driverCpu = process.cpuUsage();
      const driverLag = monitorEventLoopDelay({ resolution: 5 });
      driverLag.enable();
      const { sent, overloaded, elapsedMs } = await runStep(target, traffic, rate, STEP_SECONDS);
      allSent.push(...sent);
      const harmful = sent.filter((s) => s.kind === 'harmful');
      const analysedKinds = sent.filter((s) => s.kind !== 'chatter');
      await until(() => harmful.every((s) => bot.logs.notices.has(s.id)), 10_000);
      const cpuMsPerMsg = Math.round(((bot.cpuMs() - cpuBefore) / sent.length) * 1000) / 1000;
      driverLag.disable();
      const used = process.cpuUsage(driverCpu);
      // The driver shares the machine: its own CPU and event-loop delay say how much of the latency is its own.
      const driverCpuMsPerMsg = Math.round(((used.user + used.system) / 1000 / sent.length) * 1000) / 1000;
      const driverLagP99Ms = Math.round(driverLag.percentile(99) / 1e6);
      const failed = sent.filter((s) => s.acked !== true).length;
      const missing = harmful.filter((s) => !bot.logs.notices.has(s.id)).length;
      const enqueue = harmful.filter((s) => bot.logs.notices.has(s.id)).map((s) => bot.logs.notices.get(s.id)! - s.sentAt);
      const analysed = analysedKinds.filter((s) => bot.logs.analysed.has(s.id)).map((s) => bot.logs.analysed.get(s.id)! - s.sentAt);
      const achieved = Math.round((sent.length / elapsedMs) * 1000);
      const p99 = percentile(enqueue, 99);
      const ok = !overloaded && failed === 0 && missing === 0 && p99 < P99_LIMIT_MS && achieved >= rate * 0.95;
      const row = { rate, achieved, sent: sent.length, harmful: harmful.length, failed, missing, p50EnqueueMs: percentile(enqueue, 50), p99EnqueueMs: p99, p99AnalysedMs: percentile(analysed, 99), p99AckMs: percentile(sent.map((s) => s.ackMs ?? 0), 99), loadavg1: Math.round(os.loadavg()[0]! * 100) / 100, rssMb: Math.round(bot.peakRssMb), cpuMsPerMsg, driverCpuMsPerMsg, driverLagP99Ms, ok };
      results.push(row);
      process.stdout.write(`${rate} msgs/s: achieved ${achieved}/s, ${sent.length} sent (${harmful.length} harmful), ${failed} not acknowledged, ${missing} harmful without a notice, event→DM-enqueue p50 ${row.p50EnqueueMs} ms p99 ${p99} ms, analysed p99 ${row.p99AnalysedMs} ms, ack p99 ${row.p99AckMs} ms, bot CPU ${cpuMsPerMsg} ms/msg (driver ${driverCpuMsPerMsg} ms/msg, its loop delay p99 ${driverLagP99Ms} ms), peak RSS ${row.rssMb} MB, load average ${row.loadavg1} → ${ok ? 'sustained' : 'NOT sustained'}\n`);
      // LOAD_CONTINUE=1 keeps climbing past a failed step, to see where acknowledgements or loss give way.
      if (!ok && !process.env.LOAD_CONTINUE) break;
      if (!ok) continue;
      best = rate;
    }
  } finally {
    const code = await bot.stop();
    if (code !== 0) process.stderr.write(`bot exited with ${code}\n`);
  }
  let check: Awaited<ReturnType<typeof checkDataFolder>>;
  try {
    check = await checkDataFolder(env, target, allSent.filter((s) => s.acked === true), PROTECTED);
  } finally {
    // The folder holds the archive of the run (message text included): gone even when the check throws.
    await target.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const dms = target.dmsSent();
  const summary = { adapter: target.name, bestSustainedMsgsPerSec: best, peakRssMb: Math.round(bot.peakRssMb), steps: results, ...check, dmsSent: dms, botErrors: bot.logs.errors.length, cpus: os.cpus().length, loadavg: os.loadavg()[0] };
  process.stdout.write(`highest sustained rate: ${best} msgs/s (p99 event→DM-enqueue < ${P99_LIMIT_MS} ms, nothing lost); peak RSS ${summary.peakRssMb} MB; archive: ${check.harmfulArchived}/${check.harmfulAccepted} harmful archived once, ${check.duplicates} duplicates, ${check.pendingEvents} accepted events unprocessed, ${check.processedMarkers}/${check.accepted} events marked processed; ${dms} DMs sent\n`);
  for (const line of bot.logs.errors.slice(0, 5)) process.stderr.write(`bot error: ${line}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return check.harmfulArchived === check.harmfulAccepted && check.duplicates === 0 && check.pendingEvents === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`load: ${error.message}\n`);
    process.exit(1);
  },
);
