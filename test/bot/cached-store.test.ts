import { describe, expect, it } from 'vitest';
import { CachedStore } from '../../src/bot/cached-store.js';
import { MemoryStore } from '../../src/bot/store.js';

class CountingStore extends MemoryStore {
  reads = 0;
  failWrites = false;
  override async get<T>(key: string): Promise<T | undefined> {
    this.reads += 1;
    return super.get<T>(key);
  }
  override async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    if (this.failWrites) throw new Error('disk full');
    return super.set(key, value, ttlMs);
  }
}

describe('CachedStore (write-through cache of the bot store)', () => {
  it('reads a value, and an absence, from the store once', async () => {
    const inner = new CountingStore();
    await inner.set('a', { x: 1 });
    const store = new CachedStore(inner);
    expect(await store.get('a')).toEqual({ x: 1 });
    expect(await store.get('a')).toEqual({ x: 1 });
    expect(await store.get('missing')).toBeUndefined();
    expect(await store.get('missing')).toBeUndefined();
    expect(inner.reads).toBe(2);
  });

  it('writes through: set, add, delete, setMany and addMany reach the store and the cache alike', async () => {
    const inner = new CountingStore();
    const store = new CachedStore(inner);
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', 'v1');
    expect(await store.get('k')).toBe('v1');
    expect(await store.add('k', 'v2')).toBe(false);
    expect(await store.get('k')).toBe('v1');
    expect(await store.delete('k')).toBe(true);
    expect(await store.get('k')).toBeUndefined();
    expect(await store.add('k', 'v3')).toBe(true);
    await store.setMany!([{ key: 'm', value: 1 }]);
    expect(await store.addMany!([{ key: 'm', value: 2 }, { key: 'n', value: 3 }])).toEqual([false, true]);
    expect([await store.get('k'), await store.get('m'), await store.get('n')]).toEqual(['v3', 1, 3]);
    expect([await inner.get('k'), await inner.get('m'), await inner.get('n')]).toEqual(['v3', 1, 3]);
  });

  it('a read that began before a write does not put the old value back', async () => {
    const inner = new CountingStore();
    await inner.set('k', 'old');
    const store = new CachedStore(inner);
    const read = store.get('k');
    await store.set('k', 'new');
    expect(await read).toBe('old');
    expect(await store.get('k')).toBe('new');
  });

  it('a failed write leaves nothing cached, so the next read asks the store', async () => {
    const inner = new CountingStore();
    const store = new CachedStore(inner);
    await store.set('k', 'v');
    inner.failWrites = true;
    await expect(store.set('k', 'w')).rejects.toThrow('disk full');
    inner.failWrites = false;
    const reads = inner.reads;
    expect(await store.get('k')).toBe('v');
    expect(inner.reads).toBe(reads + 1);
  });

  it('callers cannot change the cached copy, and the cache stays within its bound', async () => {
    const inner = new CountingStore();
    const store = new CachedStore(inner, 2);
    await store.set('a', { list: [1] });
    (await store.get<{ list: number[] }>('a'))!.list.push(2);
    expect(await store.get('a')).toEqual({ list: [1] });
    await store.get('b');
    await store.get('c');
    const reads = inner.reads;
    expect(await store.get('a')).toEqual({ list: [1] });
    expect(inner.reads).toBe(reads + 1);
  });

  it('a key in steady use stays cached while a stream of other keys passes through the bound', async () => {
    const inner = new CountingStore();
    await inner.set('hot', 'h');
    const store = new CachedStore(inner, 4);
    await store.get('hot');
    for (let i = 0; i < 1_000; i += 1) {
      await store.get(`cold:${i}`);
      expect(await store.get('hot')).toBe('h');
    }
    // One read of 'hot' and one of each cold key: the stream never pushed the key in use out.
    expect(inner.reads).toBe(1 + 1_000);
    const reads = inner.reads;
    await store.get('cold:0');
    expect(inner.reads).toBe(reads + 1);
  });

  it('a key only written is not kept (the inbox writes many that are never read)', async () => {
    const inner = new CountingStore();
    const store = new CachedStore(inner);
    await store.setMany!([{ key: 'dedup:1', value: { pending: true } }]);
    expect(await store.get('dedup:1')).toEqual({ pending: true });
    expect(inner.reads).toBe(1);
  });

  it('a value written with a time to live expires', async () => {
    let now = 1_000;
    const inner = new MemoryStore(() => now);
    const store = new CachedStore(inner, 10, () => now);
    expect(await store.get('d')).toBeUndefined();
    await store.set('d', 1, 100);
    expect(await store.get('d')).toBe(1);
    now += 200;
    expect(await store.get('d')).toBeUndefined();
  });
});
