// A write-through cache in front of the bot's own store. The bot looks up who is protected (and whether a
// community is watched) for every recipient of every message, mostly people nobody protects; those reads
// were a SQLite query each. Only this process writes the bot's namespace (the admin CLI does not), so
// what it read stays true until it writes the key: values and absences are both kept, and a write updates
// a key that is cached (a key only written, like most inbox entries, is not kept). Bounded by two
// generations (a key not used since the last two turnovers goes), not by evicting a Map's first key: after
// many deletes V8 walks every deleted slot to find it, which made each write cost grow with the traffic.
// Values are kept as JSON so callers cannot change the cached copy.
import type { KeyValueStore, StoreEntry } from './store.js';

const READ_LIFETIME_MS = 60_000;

interface Cached {
  /** undefined: the key is absent. */
  json: string | undefined;
  expiresAt?: number;
}

/** Reads of one key still waiting for the store, and whether a write of that key began meanwhile. */
interface ReadsInFlight {
  count: number;
  written: boolean;
}

export class CachedStore implements KeyValueStore {
  /** Used since the last turnover. */
  private young = new Map<string, Cached>();
  /** Used in the generation before; promoted to young when used again. */
  private old = new Map<string, Cached>();
  private readonly reading = new Map<string, ReadsInFlight>();

  constructor(
    private readonly inner: KeyValueStore,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    if (inner.setMany) this.setMany = (entries) => this.writeMany(entries, () => inner.setMany!(entries).then(() => entries.map(() => true)), true);
    if (inner.addMany) this.addMany = (entries) => this.writeMany(entries, () => inner.addMany!(entries), false);
  }

  setMany?: (entries: readonly StoreEntry[]) => Promise<void>;
  addMany?: (entries: readonly StoreEntry[]) => Promise<boolean[]>;

  async get<T>(key: string): Promise<T | undefined> {
    const hit = this.lookup(key);
    if (hit) return hit.json === undefined ? undefined : (JSON.parse(hit.json) as T);
    let flight = this.reading.get(key);
    if (!flight) this.reading.set(key, (flight = { count: 0, written: false }));
    flight.count += 1;
    try {
      const value = await this.inner.get<T>(key);
      // A stored value's expiry is not known here, so it is re-read after a minute; an absence stays true
      // until this process writes the key.
      if (!flight.written) this.remember(key, value === undefined ? { json: undefined } : { json: JSON.stringify(value), expiresAt: this.now() + READ_LIFETIME_MS });
      return value;
    } finally {
      flight.count -= 1;
      if (flight.count === 0 && this.reading.get(key) === flight) this.reading.delete(key);
    }
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.bump(key);
    try {
      await this.inner.set(key, value, ttlMs);
    } catch (error) {
      this.forget(key);
      throw error;
    }
    this.refresh(key, this.cached(value, ttlMs));
  }

  async add<T>(key: string, value: T, ttlMs?: number): Promise<boolean> {
    this.bump(key);
    let added: boolean;
    try {
      // Insert-if-absent in the store's group commit where it has one: no read before the write. Every add
      // of this store goes this way, so adds of one key stay atomic with respect to each other.
      added = this.inner.addMany
        ? (await this.inner.addMany([ttlMs === undefined ? { key, value } : { key, value, ttlMs }]))[0]!
        : await this.inner.add(key, value, ttlMs);
    } catch (error) {
      this.forget(key);
      throw error;
    }
    if (added) this.refresh(key, this.cached(value, ttlMs));
    else this.forget(key);
    return added;
  }

  async delete(key: string): Promise<boolean> {
    this.bump(key);
    try {
      const existed = await this.inner.delete(key);
      this.refresh(key, { json: undefined });
      return existed;
    } catch (error) {
      this.forget(key);
      throw error;
    }
  }

  list<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
    return this.inner.list<T>(prefix);
  }

  private async writeMany<R extends void | boolean[]>(entries: readonly StoreEntry[], write: () => Promise<boolean[]>, isSet: boolean): Promise<R> {
    for (const e of entries) this.bump(e.key);
    let added: boolean[];
    try {
      added = await write();
    } catch (error) {
      for (const e of entries) this.forget(e.key);
      throw error;
    }
    entries.forEach((e, i) => (added[i] ? this.refresh(e.key, this.cached(e.value, e.ttlMs)) : this.forget(e.key)));
    return (isSet ? undefined : added) as R;
  }

  private cached(value: unknown, ttlMs?: number): Cached {
    const json = JSON.stringify(value);
    return ttlMs === undefined ? { json } : { json, expiresAt: this.now() + ttlMs };
  }

  private lookup(key: string): Cached | undefined {
    let hit = this.young.get(key);
    if (!hit) {
      hit = this.old.get(key);
      if (!hit) return undefined;
      this.old.delete(key);
      this.keep(key, hit);
    }
    if (hit.expiresAt !== undefined && hit.expiresAt <= this.now()) {
      this.forget(key);
      return undefined;
    }
    return hit;
  }

  private remember(key: string, entry: Cached): void {
    this.old.delete(key);
    this.keep(key, entry);
  }

  private keep(key: string, entry: Cached): void {
    this.young.set(key, entry);
    // Each generation holds half the bound, so both together never exceed it.
    if (this.young.size >= Math.max(1, Math.floor(this.maxEntries / 2))) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  /** After a committed write: the new state, for a key that is cached. */
  private refresh(key: string, entry: Cached): void {
    if (this.young.has(key)) this.young.set(key, entry);
    else if (this.old.has(key)) this.old.set(key, entry);
  }

  private forget(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  /** A write begins: a read already running must not fill the cache (until the write ends, the cached state stays the committed one). */
  private bump(key: string): void {
    const flight = this.reading.get(key);
    if (flight) flight.written = true;
  }
}
