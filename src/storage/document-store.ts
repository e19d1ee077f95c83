// JSON documents with optional expiry in keyv: the bot's own state (who is protected, preferences,
// community settings, delivery dedup, queued DMs) and each recipient's rules and offender list. Unlike
// the evidence store nothing here is append-only. `add` is atomic within this process (one bot process
// per store); the evidence archive enforces its own dedup in SQLite itself.
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadAdapter } from './load-adapter.js';
import { sqliteFile } from './open-store.js';
import { GroupCommit, type Row } from './group-commit.js';
import { StoreError } from './store.js';

type Query = (sql: string, ...params: unknown[]) => Promise<unknown>;

/** Rows per INSERT: 2 parameters each, well under SQLite's 32,766-parameter limit. */
const ROWS_PER_STATEMENT = 4000;
/** Rows read per query when listing a prefix. */
const LIST_PAGE_ROWS = 1000;

export class DocumentStore {
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly group: GroupCommit | undefined;
  private readonly addGroup: GroupCommit | undefined;

  /** `sqlite`: the adapter's table and query function, for one-statement batch writes. */
  constructor(
    private readonly keyv: Keyv,
    private readonly sqlite?: { table: string; query: Query },
  ) {
    keyv.throwOnErrors = true;
    this.group = sqlite ? new GroupCommit((rows) => this.insert(rows)) : undefined;
    this.addGroup = sqlite ? new GroupCommit((rows) => this.insertAbsent(rows)) : undefined;
    keyv.on('error', () => undefined);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const value = (await this.keyv.get(key)) as string | undefined;
    return value === undefined || value === null ? undefined : (JSON.parse(value) as T);
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    if (this.group) return this.setMany([{ key, value, ttlMs }]);
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError('stored values must be JSON-serialisable');
    try {
      await this.keyv.set(key, json, ttlMs);
    } catch (error) {
      throw new StoreError('write-failed', `could not write to the store: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * Several values in one durable write. On SQLite, writes go through a group commit: everything that
   * arrives while a commit runs is written by the next one, in one INSERT statement (one fsync), and each
   * caller resolves only once its rows are committed.
   */
  async setMany(entries: ReadonlyArray<{ key: string; value: unknown; ttlMs?: number }>): Promise<void> {
    if (!this.group) {
      for (const e of entries) await this.set(e.key, e.value, e.ttlMs);
      return;
    }
    if (entries.length === 0) return;
    await this.group.write(await this.rows(entries));
  }

  /**
   * Adds each entry whose key is absent or expired, in one durable write (group-committed like setMany);
   * true for each one added. Keys must be distinct. Atomic per key against other addMany calls, not against
   * `add` on the same key (callers use one or the other for a given kind of key).
   */
  async addMany(entries: ReadonlyArray<{ key: string; value: unknown; ttlMs?: number }>): Promise<boolean[]> {
    if (!this.addGroup) {
      const added: boolean[] = [];
      for (const e of entries) added.push(await this.add(e.key, e.value, e.ttlMs));
      return added;
    }
    if (entries.length === 0) return [];
    return this.addGroup.write(await this.rows(entries));
  }

  private async rows(entries: ReadonlyArray<{ key: string; value: unknown; ttlMs?: number }>): Promise<Row[]> {
    const now = Date.now();
    const rows: Row[] = [];
    for (const e of entries) {
      const json = JSON.stringify(e.value);
      if (json === undefined) throw new TypeError('stored values must be JSON-serialisable');
      // Exactly what keyv itself writes for `set(key, json, ttl)`, so get/list/expiry read it back alike.
      const stored = await this.keyv.serialize!({ value: json, expires: e.ttlMs === undefined ? undefined : now + e.ttlMs });
      rows.push({ key: this.keyv.namespace ? `${this.keyv.namespace}:${e.key}` : e.key, value: stored });
    }
    return rows;
  }

  /** INSERT unless a live row exists (keyv keeps expiry inside the value); returns the keys inserted. */
  private async insertAbsent(rows: Row[]): Promise<Set<string>> {
    const sqlite = this.sqlite!;
    const inserted = new Set<string>();
    try {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        const params = chunk.flatMap((r) => [r.key, r.value]);
        const sql = `INSERT INTO ${sqlite.table} (key, value) VALUES ${chunk.map(() => '(?,?)').join(',')} ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE json_extract(${sqlite.table}.value, '$.expires') <= ? RETURNING key`;
        const returned = (await sqlite.query(sql, ...params, Date.now())) as Array<{ key: string }>;
        for (const row of returned) inserted.add(row.key);
      }
    } catch (error) {
      throw new StoreError('write-failed', `could not write to the store: ${(error as Error).message}`, { cause: error });
    }
    return inserted;
  }

  private async insert(rows: Row[]): Promise<void> {
    const sqlite = this.sqlite!;
    try {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        const params = chunk.flatMap((r) => [r.key, r.value]);
        await sqlite.query(`INSERT INTO ${sqlite.table} (key, value) VALUES ${chunk.map(() => '(?,?)').join(',')} ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ...params);
      }
    } catch (error) {
      throw new StoreError('write-failed', `could not write to the store: ${(error as Error).message}`, { cause: error });
    }
  }

  add<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    return this.exclusive(key, async () => {
      if ((await this.keyv.get(key)) !== undefined) return false;
      await this.set(key, value, ttlMs);
      return true;
    });
  }

  async delete(key: string): Promise<boolean> {
    return this.exclusive(key, async () => {
      // A set of this key may still wait for its group commit; the delete must come after it.
      await this.group?.settled();
      await this.addGroup?.settled();
      return this.keyv.delete(key);
    });
  }

  async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    if (this.sqlite) return this.listSqlite<T>(prefix);
    if (!this.keyv.iterator) throw new StoreError('bad-url', 'this store cannot list its keys');
    const out: Array<{ key: string; value: T }> = [];
    for await (const [key, value] of this.keyv.iterator(this.keyv.namespace)) {
      const k = String(key);
      if (k.startsWith(prefix) && typeof value === 'string') out.push({ key: k, value: JSON.parse(value) as T });
    }
    return out;
  }

  /**
   * keyv's SQLite iterator pages ten rows at a time by OFFSET, recursively (a stack overflow past some
   * 30,000 rows of the namespace, so a bot with that many could not start), and deletes expired rows as it
   * goes, which shifts the offset past live rows that were never returned. Here: pages in key order from
   * the last key seen, within the prefix only; expired rows are skipped and deleted after the scan.
   */
  private async listSqlite<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    const { table, query } = this.sqlite!;
    const namespace = this.keyv.namespace ? `${this.keyv.namespace}:` : '';
    const first = namespace + prefix;
    const out: Array<{ key: string; value: T }> = [];
    const expired: string[] = [];
    const now = Date.now();
    let after: string | undefined;
    // Keys sharing a prefix are contiguous in the primary key's (byte) order: read from the prefix on,
    // stop at the first key past it.
    for (let done = false; !done; ) {
      const rows = (await query(`SELECT key, value FROM ${table} WHERE key ${after === undefined ? '>=' : '>'} ? ORDER BY key LIMIT ${LIST_PAGE_ROWS}`, after ?? first)) as Array<{ key: string; value: string }>;
      done = rows.length < LIST_PAGE_ROWS;
      for (const row of rows) {
        if (!row.key.startsWith(first)) {
          done = true;
          break;
        }
        const data = (await this.keyv.deserialize!(row.value)) as { value?: unknown; expires?: unknown } | undefined;
        if (typeof data?.expires === 'number' && now > data.expires) expired.push(row.key);
        else if (typeof data?.value === 'string') out.push({ key: row.key.slice(namespace.length), value: JSON.parse(data.value) as T });
      }
      after = rows.at(-1)?.key;
    }
    for (let i = 0; i < expired.length; i += ROWS_PER_STATEMENT) {
      const chunk = expired.slice(i, i + ROWS_PER_STATEMENT);
      // Only rows still expired: a key written again since the scan stays.
      await query(`DELETE FROM ${table} WHERE key IN (${chunk.map(() => '?').join(',')}) AND json_extract(value, '$.expires') < ?`, ...chunk, Date.now());
    }
    return out;
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }

  private exclusive<R>(key: string, work: () => Promise<R>): Promise<R> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return next;
  }
}

export async function openDocumentStore(url: string, namespace: string): Promise<DocumentStore> {
  const parsed = new URL(url);
  switch (parsed.protocol) {
    case 'sqlite:': {
      const file = sqliteFile(url);
      if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const table = namespace.replace(/[^A-Za-z0-9_]/g, '_');
      const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table, busyTimeout: 10_000 });
      const query = adapter.query as Query;
      await query('PRAGMA journal_mode=WAL');
      return new DocumentStore(new Keyv({ store: adapter, namespace }), { table, query });
    }
    case 'memory:':
      return new DocumentStore(new Keyv({ namespace }));
    case 'postgres:':
    case 'postgresql:': {
      const mod = await loadAdapter('@keyv/postgres', 'PostgreSQL');
      return new DocumentStore(new Keyv({ store: new mod.default({ uri: url, table: namespace.replace(/[^A-Za-z0-9_]/g, '_') }) as never, namespace }));
    }
    case 'redis:':
    case 'rediss:': {
      const mod = await loadAdapter('@keyv/redis', 'Redis');
      return new DocumentStore(new Keyv({ store: new mod.default(url) as never, namespace }));
    }
    default:
      throw new StoreError('bad-url', `ACTS_STORE_URL scheme '${parsed.protocol}' is not supported (use sqlite:, postgresql:, redis: or memory:)`);
  }
}
