// `acts <args>` as a user runs it: a child process on the given data folder, quiet logs, the exit code and
// both outputs whatever happened (a failing command is a result to check, not an exception).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ACTS = path.join(ROOT, 'src/cli/acts.mjs');

export interface ActsResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function actsIn(dataDir: string, ...args: string[]): Promise<ActsResult> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ACTS_DATA_DIR: dataDir, ACTS_LOG_LEVEL: 'silent' };
  try {
    const { stdout, stderr } = await run(process.execPath, [ACTS, ...args], { cwd: ROOT, env, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
