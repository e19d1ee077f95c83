// The behaviour every KeyValueStore must have. Run it against each implementation (the in-memory one
// here; the keyv/SQLite one where it is built): `keyValueStoreContract('keyv', async () => …)`.
import { describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/bot/store.js';

export interface StoreUnderTest {
  store: KeyValueStore;
  /** Moves the store's notion of time forward (for TTLs); a real store may sleep. */
  advance(ms: number): Promise<void>;
  close?(): Promise<void>;
}

export function keyValueStoreContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`KeyValueStore contract: ${name}`, () => {
    it('gets what was set, as a copy', async () => {
      const { store, close } = await make();
      const value = { a: [1, 2], b: 'x' };
      await store.set('k', value);
      value.a.push(3);
      expect(await store.get('k')).toEqual({ a: [1, 2], b: 'x' });
      expect(await store.get('missing')).toBeUndefined();
      await close?.();
    });

    it('add stores only when absent, and exactly one of many concurrent adds wins', async () => {
      const { store, close } = await make();
      expect(await store.add('once', 1)).toBe(true);
      expect(await store.add('once', 2)).toBe(false);
      expect(await store.get('once')).toBe(1);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.add('race', i)));
      expect(results.filter(Boolean)).toHaveLength(1);
      await close?.();
    });

    it('expires entries after their TTL, after which add succeeds again', async () => {
      const { store, advance, close } = await make();
      await store.set('t', 'v', 1_000);
      await store.add('u', 'v', 1_000);
      expect(await store.get('t')).toBe('v');
      await advance(1_001);
      expect(await store.get('t')).toBeUndefined();
      expect(await store.add('u', 'w')).toBe(true);
      await close?.();
    });

    it('setMany (where offered) writes every entry, readable by get, list, add and expiry like set', async () => {
      const { store, advance, close } = await make();
      if (!store.setMany) return close?.();
      await store.set('batch:0', 'old');
      await store.setMany([
        { key: 'batch:0', value: { n: 0 } },
        { key: 'batch:1', value: { n: 1, text: ':colon first' } },
        { key: 'batch:2', value: { n: 2 }, ttlMs: 10 },
      ]);
      expect(await store.get('batch:0')).toEqual({ n: 0 });
      expect(await store.get('batch:1')).toEqual({ n: 1, text: ':colon first' });
      expect(await store.add('batch:1', 'again')).toBe(false);
      await advance(11);
      expect(await store.get('batch:2')).toBeUndefined();
      expect(await store.add('batch:2', 'fresh')).toBe(true);
      expect((await store.list<unknown>('batch:')).map((e) => e.key).sort()).toEqual(['batch:0', 'batch:1', 'batch:2']);
      await close?.();
    });

    it('addMany (where offered) adds only absent or expired keys, in one call, and says which', async () => {
      const { store, advance, close } = await make();
      if (!store.addMany) return close?.();
      await store.set('am:live', 'kept');
      await store.set('am:old', 'stale', 10);
      await advance(11);
      expect(await store.addMany([
        { key: 'am:live', value: 'no' },
        { key: 'am:old', value: { fresh: true } },
        { key: 'am:new', value: { n: 1 }, ttlMs: 60_000 },
      ])).toEqual([false, true, true]);
      expect(await store.get('am:live')).toBe('kept');
      expect(await store.get('am:old')).toEqual({ fresh: true });
      expect(await store.get('am:new')).toEqual({ n: 1 });
      expect(await store.addMany([{ key: 'am:new', value: 'again' }])).toEqual([false]);
      await close?.();
    });

    it('deletes, and lists live entries by prefix', async () => {
      const { store, advance, close } = await make();
      await store.set('notice:1', { n: 1 });
      await store.set('notice:2', { n: 2 });
      await store.set('notice:3', { n: 3 }, 10);
      await store.set('other:1', { n: 9 });
      await advance(11);
      expect(await store.delete('notice:2')).toBe(true);
      expect(await store.delete('notice:2')).toBe(false);
      const listed = await store.list<{ n: number }>('notice:');
      expect(listed.map((e) => e.value.n).sort()).toEqual([1]);
      expect(listed[0]!.key).toBe('notice:1');
      await close?.();
    });
  });
}
