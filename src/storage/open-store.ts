// Picks the store from its URL, so moving from one machine's SQLite file to PostgreSQL or Redis is a
// configuration change (ACTS_STORE_URL) plus `npm install @keyv/postgres` or `@keyv/redis`.
import Keyv from 'keyv';
import { KeyvStore } from './keyv-store.js';
import { SqliteStore } from './sqlite-store.js';
import { loadAdapter } from './load-adapter.js';
import { StoreError, type KeyValueStore, type StoreOptions } from './store.js';

export function sqliteFile(raw: string): string {
  // sqlite:///abs/path and sqlite://relative/path both name a file, taken verbatim (the config builds the
  // URL from a plain path); the query string carries our options.
  const file = raw.replace(/^sqlite:\/\//, '').replace(/\?.*$/, '');
  if (!file) throw new StoreError('bad-url', `ACTS_STORE_URL '${raw}' names no SQLite file`);
  return file;
}

export async function openStore(options: StoreOptions): Promise<KeyValueStore> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new StoreError('bad-url', `ACTS_STORE_URL '${options.url}' is not a URL (expected sqlite:///path, postgresql://…, redis://…)`);
  }
  const appendOnly = options.appendOnlyPrefixes ?? [];
  switch (url.protocol) {
    case 'sqlite:': {
      const sync = (url.searchParams.get('synchronous') ?? 'full').toUpperCase();
      if (sync !== 'FULL' && sync !== 'NORMAL') throw new StoreError('bad-url', `synchronous must be full or normal, got '${sync}'`);
      const busy = Number(url.searchParams.get('busy_timeout') ?? 10_000);
      if (!Number.isInteger(busy) || busy < 0) throw new StoreError('bad-url', `busy_timeout must be a number of milliseconds`);
      return new SqliteStore({ file: sqliteFile(options.url), namespace: options.namespace, appendOnlyPrefixes: appendOnly, synchronous: sync, busyTimeoutMs: busy });
    }
    case 'memory:':
      return new KeyvStore('memory', new Keyv<string>({ namespace: options.namespace }), appendOnly);
    case 'postgres:':
    case 'postgresql:': {
      const mod = await loadAdapter('@keyv/postgres', 'PostgreSQL');
      const adapter = new mod.default({ uri: options.url, table: options.namespace.replace(/[^A-Za-z0-9_]/g, '_') });
      return new KeyvStore('postgres', new Keyv<string>({ store: adapter as never, namespace: options.namespace }), appendOnly);
    }
    case 'redis:':
    case 'rediss:': {
      const mod = await loadAdapter('@keyv/redis', 'Redis');
      const adapter = new mod.default(options.url);
      return new KeyvStore('redis', new Keyv<string>({ store: adapter as never, namespace: options.namespace }), appendOnly);
    }
    default:
      throw new StoreError('bad-url', `ACTS_STORE_URL scheme '${url.protocol}' is not supported (use sqlite:, postgresql:, redis: or memory:)`);
  }
}
