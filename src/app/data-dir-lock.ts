// One bot per data folder, and no key rotation under a running bot. The lock is an exclusive SQLite
// transaction held open on `<ACTS_DATA_DIR>/bot.lock`: the operating system drops it the moment the holder
// dies (SIGKILL included), so a crash never leaves a stale lock behind and no PID file can be mistaken for a
// live process.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';

export class DataDirLockedError extends Error {
  constructor(readonly file: string) {
    super(`another ACTS bot is running on ${path.dirname(file)} (it holds ${path.basename(file)}); stop it first`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to keep trying while another process holds the lock (a bot that is still stopping); default 0. */
  waitMs?: number;
  retryEveryMs?: number;
}

export const lockFileFor = (dataDir: string): string => path.join(dataDir, 'bot.lock');

function openDatabase(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve) => db.close(() => resolve()));
}

const isBusy = (error: unknown): boolean => (error as { code?: string }).code === 'SQLITE_BUSY';

async function tryOnce(file: string): Promise<DataDirLock | undefined> {
  const db = await openDatabase(file);
  db.configure('busyTimeout', 0);
  try {
    await exec(db, 'BEGIN EXCLUSIVE');
  } catch (error) {
    await close(db);
    if (isBusy(error)) return undefined;
    throw error;
  }
  let released = false;
  return {
    file,
    release: async () => {
      if (released) return;
      released = true;
      await close(db);
    },
  };
}

/** Takes the data folder's lock, or throws DataDirLockedError when another process keeps it past `waitMs`. */
export async function lockDataDir(dataDir: string, options: LockOptions = {}): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = lockFileFor(dataDir);
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const lock = await tryOnce(file);
    if (lock) return lock;
    if (Date.now() >= deadline) throw new DataDirLockedError(file);
    await new Promise((resolve) => setTimeout(resolve, options.retryEveryMs ?? 100));
  }
}
