// One bot per data folder: the lock is refused while another process holds it, waits for a bot that is
// stopping, and is free again the moment its holder is SIGKILLed (no stale lock after a crash).
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/app/data-dir-lock.js';
import { exited, holdLockInChild } from '../harness/lock-holder.js';
import { tempDir } from '../helpers/temp-dir.js';

let holder: ChildProcess | undefined;

afterEach(async () => {
  if (holder) {
    holder.kill('SIGKILL');
    await exited(holder);
    holder = undefined;
  }
});

describe('data folder lock', () => {
  it('is refused while another process holds it and free again after that process is SIGKILLed', async () => {
    const dir = tempDir('lock');
    holder = await holdLockInChild(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(lockDataDir(dir, { waitMs: 300, retryEveryMs: 50 })).rejects.toThrow(/another ACTS bot is running/);
    holder.kill('SIGKILL');
    await exited(holder);
    holder = undefined;
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await lock.release();
    await (await lockDataDir(dir)).release();
  });

  it('waits for a holder that lets go within the wait', async () => {
    const dir = tempDir('lock');
    holder = await holdLockInChild(dir);
    const child = holder;
    const waiting = lockDataDir(dir, { waitMs: 30_000, retryEveryMs: 20 });
    setTimeout(() => child.stdin!.end(), 200);
    const lock = await waiting;
    expect(child.exitCode ?? (await exited(child), child.exitCode)).toBe(0);
    await lock.release();
  });
});
