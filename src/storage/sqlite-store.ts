// The embedded default: keyv over @keyv/sqlite, with the adapter's own connection used for what keyv's API
// cannot say: WAL journalling, one-statement batches (all-or-nothing, so a crash never leaves half a batch),
// ordered prefix scans, and a trigger that makes append-only keys impossible to overwrite.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { KeyvStore } from './keyv-store.js';
import { decodeKeyvString, encodeKeyvString } from './keyv-codec.js';
import { StoreError } from './store.js';

/** Entries per INSERT statement: 2 parameters each, well under SQLite's 32,766-parameter limit. */
const ROWS_PER_STATEMENT = 8000;
const PAGE = 1000;

type Query = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface SqliteStoreOptions {
  file: string;
  namespace: string;
  appendOnlyPrefixes?: readonly string[];
  /** FULL (default) survives power loss; NORMAL survives a process crash and commits ~2.5× faster one by one. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another connection's lock before failing (ms); default 10 s. */
  busyTimeoutMs?: number;
}

export class SqliteStore extends KeyvStore {
  override readonly atomicBatches = true;
  private readonly query: Query;
  private readonly table: string;
  private readonly ready: Promise<void>;
  /**
   * A second connection for reads (a file database only): in WAL mode readers never wait for the writer,
   * so dedup and chain-head lookups do not queue behind a batch being committed (and fsynced) on the first.
   * Each read is one statement, so it sees exactly the batches committed before it started.
   */
  private readonly reader: Promise<{ query: Query; close(): Promise<void> }> | undefined;

  constructor(private readonly options: SqliteStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
    const table = options.namespace.replace(/[^A-Za-z0-9_]/g, '_');
    const adapter = new KeyvSqlite({ uri: `sqlite://${options.file}`, table, busyTimeout: options.busyTimeoutMs ?? 10_000 });
    super('sqlite', new Keyv<string>({ store: adapter, namespace: options.namespace }), options.appendOnlyPrefixes);
    this.table = table;
    this.query = adapter.query as Query;
    this.ready = this.prepare();
    this.reader = options.file === ':memory:' ? undefined : this.ready.then(() => this.openReader(table));
    // Opening the reader can only fail if opening the writer did; the failure surfaces on the first read.
    this.reader?.catch(() => undefined);
  }

  private async openReader(table: string): Promise<{ query: Query; close(): Promise<void> }> {
    const adapter = new KeyvSqlite({ uri: `sqlite://${this.options.file}`, table, busyTimeout: this.options.busyTimeoutMs ?? 10_000 });
    const query = adapter.query as Query;
    await query('PRAGMA query_only=1');
    return { query, close: async () => void (await (adapter.close as () => Promise<unknown>)()) };
  }

  /** Runs a read on the reader connection when there is one. */
  private async read(sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> {
    await this.ready;
    return this.reader ? (await this.reader).query(sql, ...params) : this.query(sql, ...params);
  }

  private async prepare(): Promise<void> {
    await this.toWal();
    await this.query(`PRAGMA synchronous=${this.options.synchronous ?? 'FULL'}`);
    const guarded = (this.options.appendOnlyPrefixes ?? []).map((p) => this.prefixed(p));
    if (guarded.length === 0) return;
    // Same bytes again is not an overwrite (healing may rewrite an index entry that already made it).
    const when = `(${guarded.map((p) => `substr(old.key, 1, ${p.length}) = '${p.replace(/'/g, "''")}'`).join(' OR ')}) AND old.value IS NOT new.value`;
    const name = `${this.table}_append_only`;
    const trigger = `CREATE TRIGGER ${name} BEFORE UPDATE ON ${this.table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'append-only entry'); END`;
    const stored = async (): Promise<string | undefined> => (await this.query(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name))[0]?.sql as string | undefined;
    const current = (sql: string | undefined): boolean => sql?.replace(/^CREATE TRIGGER IF NOT EXISTS /, 'CREATE TRIGGER ') === trigger;
    // One statement, so processes opening the store at the same moment (the bot starting beside an admin
    // command) neither fail on each other's guard nor leave a moment without one: one creates it, the rest
    // find it there.
    await this.query(trigger.replace(/^CREATE TRIGGER /, 'CREATE TRIGGER IF NOT EXISTS '));
    if (current(await stored())) return;
    // The guard of an earlier version, with other prefixes: replaced.
    await this.query(`DROP TRIGGER IF EXISTS ${name}`);
    try {
      await this.query(trigger);
    } catch (error) {
      // Another process replaced it between the two statements.
      if (!current(await stored())) throw error;
    }
  }

  /**
   * SQLite answers SQLITE_BUSY at once, without waiting on the busy timeout, when a connection asks for WAL
   * while another is switching a new file to it: several processes creating the archive at the same moment.
   * The switch takes milliseconds, so asking again shortly after succeeds (as a no-op once the file is WAL).
   */
  private async toWal(): Promise<void> {
    const deadline = Date.now() + (this.options.busyTimeoutMs ?? 10_000);
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      try {
        await this.query('PRAGMA journal_mode=WAL');
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private prefixed(key: string): string {
    return `${this.options.namespace}:${key}`;
  }


  override async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const rows = await this.read(`SELECT key, value FROM ${this.table} WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(keys.map((k) => this.prefixed(k))));
    const byKey = new Map(rows.map((r) => [r.key as string, r.value]));
    return keys.map((k) => decodeKeyvString(byKey.get(this.prefixed(k))));
  }

  override async get(key: string): Promise<string | undefined> {
    return (await this.getMany([key]))[0];
  }

  override async writeBatch(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    if (entries.length === 0) return;
    await this.ready;
    const params: string[] = [];
    for (const [key, value] of entries) params.push(this.prefixed(key), encodeKeyvString(value));
    const statements: string[][] = [];
    for (let i = 0; i < params.length; i += ROWS_PER_STATEMENT * 2) statements.push(params.slice(i, i + ROWS_PER_STATEMENT * 2));
    const many = statements.length > 1;
    try {
      if (many) await this.query('BEGIN IMMEDIATE');
      for (const chunk of statements) {
        const rows = new Array(chunk.length / 2).fill('(?,?)').join(',');
        await this.query(`INSERT INTO ${this.table} (key, value) VALUES ${rows} ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ...chunk);
      }
      if (many) await this.query('COMMIT');
    } catch (error) {
      if (many) await this.query('ROLLBACK').catch(() => undefined);
      const message = (error as Error).message;
      if (message.includes('append-only entry')) throw new StoreError('append-only', 'refusing to overwrite an append-only entry (another writer?)', { cause: error });
      throw new StoreError('write-failed', `could not write to SQLite ${this.options.file}: ${message}`, { cause: error });
    }
  }

  override async *scan(prefix: string, options: { after?: string; limit?: number } = {}): AsyncIterable<[string, string]> {
    await this.ready;
    const low = this.prefixed(prefix);
    let after = options.after === undefined ? undefined : this.prefixed(options.after);
    let left = options.limit ?? Number.POSITIVE_INFINITY;
    const strip = this.options.namespace.length + 1;
    while (left > 0) {
      const limit = Math.min(PAGE, left);
      const rows = after === undefined
        ? await this.read(`SELECT key, value FROM ${this.table} WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`, low, `${low}\uffff`, limit)
        : await this.read(`SELECT key, value FROM ${this.table} WHERE key > ? AND key < ? AND key >= ? ORDER BY key LIMIT ?`, after, `${low}\uffff`, low, limit);
      for (const row of rows) {
        const value = decodeKeyvString(row.value);
        if (value !== undefined) yield [(row.key as string).slice(strip), value];
      }
      if (rows.length < limit) return;
      left -= rows.length;
      after = rows[rows.length - 1]!.key as string;
    }
  }

  /** SQLite's own consistency check (`PRAGMA integrity_check`): 'ok' or the problems it found. */
  async integrityCheck(): Promise<string> {
    await this.ready;
    const rows = await this.query('PRAGMA integrity_check');
    return rows.map((r) => String(Object.values(r)[0])).join('\n');
  }

  override async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    const reader = await this.reader?.catch(() => undefined);
    await reader?.close();
    await super.close();
  }
}
