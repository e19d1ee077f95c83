import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { APPEND_ONLY_PREFIXES } from '../../src/evidence/store-layout.js';
import { openStore } from '../../src/storage/open-store.js';
import { StoreError, type KeyValueStore } from '../../src/storage/store.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

let temp: TempArchive;
afterEach(() => temp.cleanup());

/** A SQLite store whose next write runs `during` (while it is in flight) and then fails with `error`. */
async function faultyStore(): Promise<{ store: KeyValueStore; failNext(error: Error, during: () => void): void }> {
  temp = tempArchive();
  const inner = await openStore({ url: temp.storeUrl, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES });
  let fault: { error: Error; during: () => void } | undefined;
  const store: KeyValueStore = Object.assign(Object.create(inner) as KeyValueStore, {
    writeBatch: async (entries: ReadonlyArray<readonly [string, string]>) => {
      const now = fault;
      fault = undefined;
      if (!now) return inner.writeBatch(entries);
      now.during();
      await new Promise((resolve) => setImmediate(resolve));
      throw now.error;
    },
  });
  return { store, failNext: (error, during) => (fault = { error, during }) };
}

async function bundleProblems(archive: Awaited<ReturnType<typeof openEvidenceArchive>>): Promise<{ count: number; problems: unknown[] }> {
  const out = path.join(temp.dir, 'bundle');
  const { count } = await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
  return { count, problems: (await verifyBundle(out)).problems };
}

describe('pipelined group commit', () => {
  it('refuses the batch chained onto a write that failed, writes nothing of either, and goes on afterwards', async () => {
    const { store, failNext } = await faultyStore();
    const archive = await openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, store });
    await archive.archive(analysis(0));
    let planned: Promise<unknown> | undefined;
    // The second append arrives while the first one's batch is being written: it is planned on top of it.
    failNext(new StoreError('write-failed', 'disk full'), () => (planned = archive.archive(analysis(2))));
    await expect(archive.archive(analysis(1))).rejects.toThrow('disk full');
    await expect(planned).rejects.toThrow('disk full');
    expect(await archive.archive(analysis(1))).toEqual({ id: expect.stringMatching(/-1$/), duplicate: false });
    expect(await archive.archive(analysis(2))).toEqual({ id: expect.stringMatching(/-2$/), duplicate: false });
    expect(await bundleProblems(archive)).toEqual({ count: 3, problems: [] });
    await archive.close();
    await store.close();
  });

  it('after another process wrote first, writes both the clashing batch and the one planned on it again', async () => {
    const { store, failNext } = await faultyStore();
    const archive = await openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile, store });
    await archive.archive(analysis(0));
    let planned: Promise<unknown> | undefined;
    failNext(new StoreError('append-only', 'refusing to overwrite an append-only entry'), () => (planned = archive.archive(analysis(2))));
    const first = await archive.archive(analysis(1));
    expect(first).toEqual({ id: expect.stringMatching(/-1$/), duplicate: false });
    expect(await planned).toEqual({ id: expect.stringMatching(/-2$/), duplicate: false });
    expect(await archive.archive(analysis(2))).toMatchObject({ duplicate: true });
    expect(await bundleProblems(archive)).toEqual({ count: 3, problems: [] });
    await archive.close();
    await store.close();
  });
});
