// Processes that open the same SQLite store at the same moment (the bot starting while `acts retention` runs
// from cron, two admin commands at once): each one installs the append-only guard, and none may fail on the
// other's, nor leave a moment in which the guard is gone.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { APPEND_ONLY_PREFIXES } from '../../src/evidence/store-layout.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('SQLite store opened by several processes at once', () => {
  it('every open succeeds and the store still refuses to overwrite a write-once entry', async () => {
    const dir = tempDir('sqlite-open');
    for (let attempt = 0; attempt < 5; attempt++) {
      const url = `sqlite://${path.join(dir, `acts-${attempt}.sqlite`)}`;
      // The archive exists (the bot's first start made it); then several processes open it at once.
      await (await openStore({ url, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES })).close();
      const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openStore({ url, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES })));
      expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
      const stores = opened.map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof openStore>>>).value);
      await stores[0]!.writeBatch([['r:tag:000000000000', 'first']]);
      await expect(stores[1]!.writeBatch([['r:tag:000000000000', 'second']])).rejects.toThrow(/append-only/);
      for (const store of stores) await store.close();
    }
  });

  it('a brand-new file created by eight at once: every first write lands and the guard is there', async () => {
    const dir = tempDir('sqlite-create');
    const failures: string[] = [];
    // Before the fix about 1 in 200 of these opens failed with SQLITE_BUSY (the switch of a new file to WAL).
    for (let attempt = 0; attempt < 150; attempt++) {
      const url = `sqlite://${path.join(dir, `new-${attempt}.sqlite`)}`;
      const opened = await Promise.all(Array.from({ length: 8 }, () => openStore({ url, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES })));
      const writes = await Promise.allSettled(opened.map((store, i) => store.writeBatch([[`x:${i}`, 'v']])));
      for (const w of writes) if (w.status === 'rejected') failures.push(String(w.reason));
      await opened[0]!.writeBatch([['r:tag:000000000000', 'first']]).catch((error: unknown) => failures.push(String(error)));
      await expect(opened[1]!.writeBatch([['r:tag:000000000000', 'second']])).rejects.toThrow(/append-only/);
      for (const store of opened) await store.close();
    }
    expect(failures).toEqual([]);
  });

  it('replaces the guard an earlier version installed for other prefixes', async () => {
    const url = `sqlite://${path.join(tempDir('sqlite-upgrade'), 'acts.sqlite')}`;
    await (await openStore({ url, namespace: 'evidence', appendOnlyPrefixes: ['old:'] })).close();
    const store = await openStore({ url, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES });
    await store.writeBatch([['r:tag:000000000000', 'first']]);
    await expect(store.writeBatch([['r:tag:000000000000', 'second']])).rejects.toThrow(/append-only/);
    await store.close();
  });
});
