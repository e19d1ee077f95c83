import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBotStore } from '../../src/app/bot-store.js';
import { loadConfig } from '../../src/config/config.js';
import { openDocumentStore } from '../../src/storage/document-store.js';
import { tempDir } from '../helpers/temp-dir.js';

function dataDir(): string {
  return tempDir('botstore');
}

describe('the bot store in its own SQLite file (acts.bot.sqlite)', () => {
  it('is a file of its own beside acts.sqlite when ACTS_STORE_URL is unset, and the same store when it is set', () => {
    const dir = dataDir();
    expect(loadConfig({ ACTS_DATA_DIR: dir }).botStoreUrl).toBe(`sqlite://${path.join(dir, 'acts.bot.sqlite')}`);
    const url = `sqlite://${path.join(dir, 'elsewhere.sqlite')}`;
    expect(loadConfig({ ACTS_DATA_DIR: dir, ACTS_STORE_URL: url }).botStoreUrl).toBe(url);
  });

  it('on upgrade copies the bot state from acts.sqlite once: protections and pending inbox entries survive', async () => {
    const dir = dataDir();
    const config = loadConfig({ ACTS_DATA_DIR: dir });
    const old = await openDocumentStore(config.storeUrl, 'bot');
    await old.set('protect:telegram:1', { platform: 'telegram', userId: '1', since: '2026-01-01' });
    await old.set('dedup:telegram:msg:-100:7', { pending: { kind: 'message' }, acceptedAt: 1 });
    await old.close();

    const store = await openBotStore(config);
    expect(existsSync(path.join(dir, 'acts.bot.sqlite'))).toBe(true);
    expect(await store.get('protect:telegram:1')).toMatchObject({ userId: '1' });
    expect((await store.list('dedup:')).map((e) => e.key)).toEqual(['dedup:telegram:msg:-100:7']);
    // Changed after the copy: a second start must not copy the old value back.
    await store.delete('protect:telegram:1');
    await store.close();
    const again = await openBotStore(config);
    expect(await again.get('protect:telegram:1')).toBeUndefined();
    expect(await again.list('dedup:')).toHaveLength(1);
    await again.close();
  });

  it('starts empty on a fresh data folder', async () => {
    const config = loadConfig({ ACTS_DATA_DIR: dataDir() });
    const store = await openBotStore(config);
    expect(await store.list('')).toEqual([expect.objectContaining({ key: 'meta:copied-from-acts-sqlite' })]);
    expect(await store.list('dedup:')).toEqual([]);
    await store.close();
  });
});
