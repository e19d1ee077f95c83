import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDocumentStore } from '../../src/storage/document-store.js';
import { keyValueStoreContract } from '../bot/store-contract.js';
import { tempDir } from '../helpers/temp-dir.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
// A timer may fire a millisecond before Date.now() (which TTLs use) has moved that far: a real store is
// advanced a little past the time asked for, so "just after the TTL" never lands just before it.
const advance = (ms: number): Promise<void> => sleep(ms + 25);

async function sqlite() {
  const dir = tempDir('docs');
  const store = await openDocumentStore(`sqlite://${path.join(dir, 'acts.sqlite')}`, 'bot');
  return { store, advance, close: () => store.close() };
}

keyValueStoreContract('keyv over SQLite', sqlite);
keyValueStoreContract('keyv in memory', async () => {
  const store = await openDocumentStore('memory://', 'bot');
  return { store, advance };
});

describe('document store on SQLite', () => {
  it('keeps documents across a reopen of the same file', async () => {
    const dir = tempDir('docs');
    const url = `sqlite://${path.join(dir, 'acts.sqlite')}`;
    const first = await openDocumentStore(url, 'bot');
    await first.set('protected:telegram:1', { since: '2026-01-01' });
    await first.close();
    const second = await openDocumentStore(url, 'bot');
    expect(await second.get('protected:telegram:1')).toEqual({ since: '2026-01-01' });
    await second.close();
  });

  it('lists every live row of a prefix: 40,000 of them, between expired ones and other prefixes', async () => {
    // keyv's own iterator overflowed the stack at this size and skipped live rows after deleting expired ones.
    const { store, close } = await sqlite();
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ key: `notice:${String(i).padStart(5, '0')}`, value: { i }, ...(i % 3 === 0 ? { ttlMs: 1 } : {}) }));
    await store.setMany([...rows, { key: 'noticf:after', value: 1 }, { key: 'notic:before', value: 1 }]);
    await advance(1);
    const listed = await store.list<{ i: number }>('notice:');
    const live = rows.filter((r) => r.ttlMs === undefined);
    expect(listed.map((r) => r.key).sort()).toEqual(live.map((r) => r.key));
    expect(listed.find((r) => r.key === 'notice:00001')?.value).toEqual({ i: 1 });
    expect((await store.list('notice:')).length).toBe(live.length);
    expect(await store.list('noticf:')).toEqual([{ key: 'noticf:after', value: 1 }]);
    await close();
  });

  it('refuses an unknown scheme with a message naming the variable', async () => {
    await expect(openDocumentStore('mongodb://x', 'bot')).rejects.toThrow(/ACTS_STORE_URL/);
  });
});
