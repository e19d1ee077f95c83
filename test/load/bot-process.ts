// The bot as `npm start` runs it (adapters/main.ts in its own process, the shipped models, SQLite in a
// temporary data folder), pointed at a fake platform. LOAD_BOT_ROOT runs another checkout's bot (a
// baseline measured in the same run). Its structured log tells the load driver
// when each message was analysed and when each verdict notice was queued; /proc tells its memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';

const ROOT = process.env.LOAD_BOT_ROOT ? path.resolve(process.env.LOAD_BOT_ROOT) : path.resolve(import.meta.dirname, '../..');

export interface BotLogs {
  /** messageId (Slack ts, Telegram message_id) → log time (ms) of 'verdict notice' (the DM or digest entry is queued). */
  notices: Map<string, number>;
  /** messageId → log time of 'message analysed'. */
  analysed: Map<string, number>;
  errors: string[];
}

export class BotProcess {
  readonly logs: BotLogs = { notices: new Map(), analysed: new Map(), errors: [] };
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private readyResolve!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  peakRssMb = 0;
  private sampler: NodeJS.Timeout;

  constructor(env: Record<string, string>, private readonly readyLog: string) {
    this.child = spawn(process.execPath, [...(process.env.LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'adapters/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...(process.env.UV_THREADPOOL_SIZE ? { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE } : {}), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    createInterface({ input: this.child.stderr! }).on('line', (line) => this.onLine(line));
    this.sampler = setInterval(() => this.sample(), 250);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  private onLine(line: string): void {
    let entry: { msg?: string; time?: string | number; messageId?: string; level?: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    // The logger writes ISO times with milliseconds.
    const at = typeof entry.time === 'string' ? Date.parse(entry.time) : entry.time;
    if (entry.msg === 'verdict notice' && entry.messageId && at) this.logs.notices.set(entry.messageId, at);
    else if (entry.msg === 'message analysed' && entry.messageId && at) this.logs.analysed.set(entry.messageId, at);
    else if (entry.msg === this.readyLog) this.readyResolve();
    if ((entry.level ?? 0) >= 50 && this.logs.errors.length < 20) this.logs.errors.push(line.slice(0, 300));
  }

  /** Current and peak resident memory, from /proc (Linux). */
  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) this.peakRssMb = Math.max(this.peakRssMb, Number(hwm[1]) / 1024);
    } catch {
      // the process has gone
    }
  }

  /** CPU time the bot process has used so far (user + system), in ms. */
  cpuMs(): number {
    try {
      const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return 0;
    }
  }

  async stop(): Promise<number | null> {
    this.sample();
    clearInterval(this.sampler);
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
