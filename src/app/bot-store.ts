// Opens the bot's own store (config.botStoreUrl). When that is a SQLite file of its own (ACTS_STORE_URL
// unset) and the bot ran before with everything in acts.sqlite, the bot's rows are copied over once, in
// one transaction that also writes a marker, so a crash mid-copy just copies again at the next start.
// The old rows stay in acts.sqlite untouched.
import { existsSync } from 'node:fs';
import KeyvSqlite from '@keyv/sqlite';
import type { Config } from '../config/config.js';
import { openDocumentStore, type DocumentStore } from '../storage/document-store.js';
import { sqliteFile } from '../storage/open-store.js';

const NAMESPACE = 'bot';
/** Written with the copy (in the bot namespace, outside every prefix the bot lists). */
const MIGRATED_KEY = 'meta:copied-from-acts-sqlite';

type Query = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

export async function openBotStore(config: Pick<Config, 'storeUrl' | 'botStoreUrl'>): Promise<DocumentStore> {
  const store = await openDocumentStore(config.botStoreUrl, NAMESPACE);
  if (config.botStoreUrl === config.storeUrl || !config.botStoreUrl.startsWith('sqlite:') || !config.storeUrl.startsWith('sqlite:')) return store;
  try {
    if ((await store.get(MIGRATED_KEY)) === undefined) await copyFromShared(sqliteFile(config.botStoreUrl), sqliteFile(config.storeUrl));
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

async function copyFromShared(botFile: string, oldFile: string): Promise<void> {
  const adapter = new KeyvSqlite({ uri: `sqlite://${botFile}`, table: NAMESPACE, busyTimeout: 10_000 });
  try {
    await copyWith(adapter.query as Query, oldFile);
  } finally {
    await adapter.disconnect();
  }
}

async function copyWith(query: Query, oldFile: string): Promise<void> {
  const marker = { value: JSON.stringify({ at: new Date().toISOString() }) };
  const markerKey = `${NAMESPACE}:${MIGRATED_KEY}`;
  if (!existsSync(oldFile)) {
    await query('INSERT INTO bot (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING', markerKey, JSON.stringify(marker));
    return;
  }
  await query('ATTACH DATABASE ? AS shared', oldFile);
  try {
    const [found] = await query("SELECT count(*) AS n FROM shared.sqlite_master WHERE type = 'table' AND name = 'bot'");
    await query('BEGIN IMMEDIATE');
    try {
      if (Number(found?.['n'] ?? 0) > 0) await query('INSERT INTO bot (key, value) SELECT key, value FROM shared.bot WHERE true ON CONFLICT(key) DO NOTHING');
      await query('INSERT INTO bot (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING', markerKey, JSON.stringify(marker));
      await query('COMMIT');
    } catch (error) {
      await query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await query('DETACH DATABASE shared');
  }
}
