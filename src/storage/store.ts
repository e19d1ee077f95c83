// The one storage interface the bot's durable data goes through. Implementations sit on keyv: SQLite (the
// embedded default), an in-memory Map (tests), and @keyv/postgres or @keyv/redis chosen by ACTS_STORE_URL.

export type StoreKind = 'sqlite' | 'memory' | 'postgres' | 'redis';

export interface KeyValueStore {
  readonly kind: StoreKind;
  /**
   * True when `writeBatch` is all-or-nothing (SQLite: one statement). Callers that need a consistent view
   * after a crash on other backends must write the facts first and derived indexes after, and heal on open.
   */
  readonly atomicBatches: boolean;
  get(key: string): Promise<string | undefined>;
  getMany(keys: readonly string[]): Promise<Array<string | undefined>>;
  /**
   * Writes the entries, in order, and resolves once they are committed. Keys under an append-only prefix
   * (see `appendOnlyPrefixes`) are never overwritten: on SQLite such a write aborts the whole batch.
   */
  writeBatch(entries: ReadonlyArray<readonly [string, string]>): Promise<void>;
  /**
   * Removes entries (append-only ones included: only overwriting is refused). Used by evidence retention
   * alone, after the signed tombstones that replace the removed records are committed.
   */
  deleteMany(keys: readonly string[]): Promise<void>;
  /** Entries whose key starts with `prefix`, in key order on SQLite; backends without ordered scans may yield any order. */
  scan(prefix: string, options?: { after?: string; limit?: number }): AsyncIterable<[string, string]>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Store URL: sqlite:///abs/path.sqlite[?synchronous=normal|full&busy_timeout=MS], memory://, postgres(ql)://…, redis(s)://… */
  url: string;
  /** Keeps one area's keys apart from another's (also the SQLite table name). */
  namespace: string;
  /** Key prefixes (inside the namespace) whose entries are write-once. */
  appendOnlyPrefixes?: readonly string[];
}

/** The store could not be opened or written; `code` says which, the message says what to do. */
export class StoreError extends Error {
  constructor(
    readonly code: 'missing-adapter' | 'bad-url' | 'write-failed' | 'append-only' | 'decrypt-failed' | 'key-file',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
