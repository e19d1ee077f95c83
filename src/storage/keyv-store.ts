// The portable implementation: any keyv instance (Map, @keyv/postgres, @keyv/redis). keyv offers no
// multi-key transaction across backends, so a batch is written entry by entry in the caller's order; callers
// put facts before the indexes derived from them and rebuild indexes on open (see evidence/chain-state.ts).
import type Keyv from 'keyv';
import { StoreError, type KeyValueStore, type StoreKind } from './store.js';

export class KeyvStore implements KeyValueStore {
  readonly atomicBatches: boolean = false;

  constructor(
    readonly kind: StoreKind,
    protected readonly keyv: Keyv<string>,
    protected readonly appendOnlyPrefixes: readonly string[] = [],
  ) {
    keyv.throwOnErrors = true;
    // keyv re-emits adapter errors as events; the awaited call already rejects with them.
    keyv.on('error', () => undefined);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.keyv.get(key)) ?? undefined;
  }

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const values = await this.keyv.getMany<string>([...keys]);
    return values.map((v) => v ?? undefined);
  }

  async writeBatch(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    // Rewriting the same bytes is allowed: healing after a crash may write an index entry that already made it.
    const guarded = entries.filter(([key]) => this.appendOnlyPrefixes.some((p) => key.startsWith(p)));
    const existing = await this.getMany(guarded.map(([key]) => key));
    const clash = guarded.find(([, value], i) => existing[i] !== undefined && existing[i] !== value);
    if (clash !== undefined) throw new StoreError('append-only', `refusing to overwrite append-only entry ${clash[0]}`);
    for (const [key, value] of entries) {
      try {
        await this.keyv.set(key, value);
      } catch (error) {
        throw new StoreError('write-failed', `could not write to the ${this.kind} store: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.keyv.delete(key);
      } catch (error) {
        throw new StoreError('write-failed', `could not delete from the ${this.kind} store: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  async *scan(prefix: string, options: { after?: string; limit?: number } = {}): AsyncIterable<[string, string]> {
    if (!this.keyv.iterator) throw new StoreError('bad-url', `the ${this.kind} adapter cannot list its keys`);
    const found: Array<[string, string]> = [];
    for await (const [key, value] of this.keyv.iterator(this.keyv.namespace)) {
      const k = String(key);
      if (k.startsWith(prefix) && (options.after === undefined || k > options.after)) found.push([k, String(value)]);
    }
    found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    yield* options.limit === undefined ? found : found.slice(0, options.limit);
  }

  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}
