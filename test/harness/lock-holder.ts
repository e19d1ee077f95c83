// Holds the data-folder lock in another process, as a running bot does; close its stdin to let go.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const CHILD = path.join(import.meta.dirname, 'lock-holder-child.ts');

export function holdLockInChild(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

export const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
