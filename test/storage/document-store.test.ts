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

  it('refuses an unknown scheme with a message naming the variable', async () => {
    await expect(openDocumentStore('mongodb://x', 'bot')).rejects.toThrow(/ACTS_STORE_URL/);
  });
});
