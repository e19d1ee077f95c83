// A bot killed with SIGKILL in the middle of archiving, restarted, and fed everything again (as platforms
// redeliver what was not acknowledged): every acknowledged record survives, nothing is archived twice,
// every chain verifies, and SQLite's integrity check is clean.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/storage/sqlite-store.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const TOTAL = 600;

let temp: TempArchive;
afterEach(() => temp?.cleanup());

/** Runs the child until it has acknowledged `killAfter` messages, then kills it; resolves with the acks it saw. */
function runAndKill(killAfter: number): Promise<{ acks: Map<number, string>; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, temp.storeUrl, temp.keyFile, temp.encryptionKeyFile, String(TOTAL)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acks = new Map<number, string>();
    let buffered = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, n, id] = line.split(' ');
        if (word === 'ack') acks.set(Number(n), id!);
      }
      if (!killed && acks.size >= killAfter) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ acks, killed }));
  });
}

describe('restart in the middle of archiving', () => {
  it('loses no acknowledged record and duplicates none', async () => {
    temp = tempArchive();
    const first = await runAndKill(150);
    const second = await runAndKill(400);
    expect([first.killed, second.killed]).toEqual([true, true]);
    expect(first.acks.size).toBeLessThan(TOTAL);

    const archive = await temp.open();
    const ids = new Map<number, string>();
    const results = await Promise.all(Array.from({ length: TOTAL }, (_, n) => archive.archive(analysis(n, {}, `discord:U${n % 3}`))));
    results.forEach((r, n) => ids.set(n, r.id));
    // Whatever was acknowledged before a kill is there, under the same id.
    for (const acks of [first.acks, second.acks]) {
      for (const [n, id] of acks) {
        expect(ids.get(n)).toBe(id);
        expect(results[n]!.duplicate).toBe(true);
      }
    }
    let count = 0;
    for (let u = 0; u < 3; u++) {
      const out = path.join(temp.dir, `bundle-${u}`);
      const exported = await archive.exportBundle({ recipientKey: `discord:U${u}`, outDir: out, pdf: false });
      count += exported.count;
      const verified = await verifyBundle(out);
      expect(verified.problems).toEqual([]);
    }
    expect(count).toBe(TOTAL);
    expect(new Set(ids.values()).size).toBe(TOTAL);
    await archive.close();
    const store = new SqliteStore({ file: temp.storeUrl.replace('sqlite://', ''), namespace: 'evidence' });
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();
  }, 60_000);
});
