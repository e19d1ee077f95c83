// The real bot (`node --import tsx adapters/main.ts`, what `npm start` runs) as a child process the crash
// and fault tests can start, SIGKILL and restart on the same data folder.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface BotProcess {
  child: ChildProcess;
  /** stdout + stderr so far (pino writes structured logs to stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` and waits for the process to be gone. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  /** RLIMIT_FSIZE in 512-byte blocks (`ulimit -f`): a write past it fails with EFBIG, as on a full disk. */
  fileSizeLimitBlocks?: number;
}

export function startBot(env: Record<string, string>, options: StartOptions = {}): BotProcess {
  const args = ['--import', 'tsx', 'adapters/main.ts'];
  const spawnEnv = { env: { PATH: process.env.PATH ?? '', ...env }, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  const child = options.fileSizeLimitBlocks === undefined
    ? spawn(process.execPath, args, spawnEnv)
    : spawn('/bin/sh', ['-c', `ulimit -f ${options.fileSizeLimitBlocks} && exec "$0" "$@"`, process.execPath, ...args], spawnEnv);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** `acts <args>` (the admin CLI) on the same data folder. */
export function acts(args: string[], env: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['src/cli/acts.mjs', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 120_000 });
}

/** Structured log lines (pino JSON) of a process's output; other lines are skipped. */
export function logLines(output: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a line cut by SIGKILL
    }
  }
  return lines;
}

export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
