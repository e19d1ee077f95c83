// The bot's own persistent state (protection registry, preferences, community settings, event dedup,
// notices waiting for delivery) sits behind this small interface, so the composition root can back it
// with keyv/SQLite while tests use the in-memory one below.

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value; `ttlMs` makes it expire (dedup markers, delivered-notice tombstones). */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /**
   * Stores the value only if the key is absent (or expired); true when it did. Must be atomic with respect to
   * other calls on the same store: the bot relies on it to process a platform event and to queue a notice once.
   */
  add<T>(key: string, value: T, ttlMs?: number): Promise<boolean>;
  /**
   * Optional: stores several values in one atomic, durable write (a group commit: one fsync for all).
   * Callers fall back to `set` one by one where a store has no such write.
   */
  setMany?(entries: readonly StoreEntry[]): Promise<void>;
  /**
   * Optional: `add` for several distinct keys in one durable write; true for each entry added. Saves the
   * read before each write where many adds arrive at once (the inbound queue).
   */
  addMany?(entries: readonly StoreEntry[]): Promise<boolean[]>;
  delete(key: string): Promise<boolean>;
  /** Every live entry whose key starts with `prefix`, in no particular order. */
  list<T>(prefix: string): Promise<Array<{ key: string; value: T }>>;
}

export interface StoreEntry {
  key: string;
  value: unknown;
  ttlMs?: number;
}

/** Writes every entry: in one write where the store has `setMany`, else one `set` after another. */
export async function setEntries(store: KeyValueStore, entries: readonly StoreEntry[]): Promise<void> {
  if (store.setMany) return store.setMany(entries);
  for (const e of entries) await store.set(e.key, e.value, e.ttlMs);
}

/**
 * Adds `entry` (true when it was absent) together with `withEntries`, in one write where the store can;
 * an entry of `withEntries` that is already taken is an error (they are fresh random keys).
 */
export async function addWith(store: KeyValueStore, withEntries: readonly StoreEntry[], entry: StoreEntry): Promise<boolean> {
  if (withEntries.length === 0) return store.add(entry.key, entry.value, entry.ttlMs);
  if (store.addMany) {
    const added = await store.addMany([...withEntries, entry]);
    if (added.slice(0, -1).some((a) => !a)) throw new Error('a fresh key was taken');
    return added.at(-1)!;
  }
  for (const e of withEntries) if (!(await store.add(e.key, e.value, e.ttlMs))) throw new Error('a fresh key was taken');
  return store.add(entry.key, entry.value, entry.ttlMs);
}

interface Entry {
  json: string;
  expiresAt?: number;
}

/** In-memory store. Values are kept as JSON so callers cannot mutate stored state by accident. */
export class MemoryStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.entries.set(key, this.entry(value, ttlMs));
  }

  async add<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.entries.set(key, this.entry(value, ttlMs));
    return true;
  }

  async setMany(entries: readonly StoreEntry[]): Promise<void> {
    const made = entries.map((e) => [e.key, this.entry(e.value, e.ttlMs)] as const);
    for (const [key, entry] of made) this.entries.set(key, entry);
  }

  async addMany(entries: readonly StoreEntry[]): Promise<boolean[]> {
    const added: boolean[] = [];
    for (const e of entries) added.push(await this.add(e.key, e.value, e.ttlMs));
    return added;
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.live(key) !== undefined;
    this.entries.delete(key);
    return existed;
  }

  async list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    const out: Array<{ key: string; value: T }> = [];
    for (const key of [...this.entries.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const entry = this.live(key);
      if (entry) out.push({ key, value: JSON.parse(entry.json) as T });
    }
    return out;
  }

  /** Number of live entries, for tests that check the store stays bounded. */
  get size(): number {
    return [...this.entries.keys()].filter((key) => this.live(key)).length;
  }

  private entry<T>(value: T, ttlMs?: number): Entry {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError('KeyValueStore values must be JSON-serialisable');
    return ttlMs === undefined ? { json } : { json, expiresAt: this.now() + ttlMs };
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
