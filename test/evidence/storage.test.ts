import { existsSync } from 'node:fs';
import path from 'node:path';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { verifyBundle } from '../../src/evidence/verify/verify-bundle.js';
import { KeyvStore } from '../../src/storage/keyv-store.js';
import { openStore } from '../../src/storage/open-store.js';
import type { KeyValueStore } from '../../src/storage/store.js';
import { promisify } from 'node:util';
import sqlite3 from 'sqlite3';
import { tempDir } from '../helpers/temp-dir.js';
import { analysis, tempArchive } from './fixtures.js';

const fresh = (): string => tempDir('store');

async function collect(iterable: AsyncIterable<[string, string]>): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const entry of iterable) out.push(entry);
  return out;
}

describe('storage', () => {
  it('SQLite: WAL journal, ordered prefix scans, and write-once keys that abort the whole batch', async () => {
    const file = path.join(fresh(), 'nested', 'acts.sqlite');
    const store = await openStore({ url: `sqlite://${file}`, namespace: 'evidence', appendOnlyPrefixes: ['r:'] });
    await store.writeBatch([['r:b', '2'], ['r:a', '1'], ['h:x', 'one'], ['q:z', 'other']]);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(await collect(store.scan('r:'))).toEqual([['r:a', '1'], ['r:b', '2']]);
    expect(await collect(store.scan('r:', { after: 'r:a' }))).toEqual([['r:b', '2']]);
    await store.writeBatch([['h:x', 'two']]);
    expect(await store.get('h:x')).toBe('two');
    await expect(store.writeBatch([['h:y', 'new'], ['r:a', 'rewritten']])).rejects.toMatchObject({ code: 'append-only' });
    expect(await store.getMany(['r:a', 'h:y'])).toEqual(['1', undefined]);
    await store.close();
  });

  it('the same code runs on any keyv store (here an in-memory Map), write-once keys included', async () => {
    const store = await openStore({ url: 'memory://', namespace: 'evidence', appendOnlyPrefixes: ['r:'] });
    await store.writeBatch([['r:1', 'a'], ['x', 'y']]);
    expect(await collect(store.scan('r:'))).toEqual([['r:1', 'a']]);
    await expect(store.writeBatch([['r:1', 'b']])).rejects.toMatchObject({ code: 'append-only' });
  });

  it('says which package to install for PostgreSQL or Redis, and refuses unknown URLs', async () => {
    await expect(openStore({ url: 'postgresql://localhost/acts', namespace: 'evidence' })).rejects.toThrow(/needs the @keyv\/postgres package.*npm install @keyv\/postgres/);
    await expect(openStore({ url: 'redis://localhost:6379', namespace: 'evidence' })).rejects.toThrow(/npm install @keyv\/redis/);
    await expect(openStore({ url: 'ftp://x', namespace: 'evidence' })).rejects.toThrow(/scheme 'ftp:' is not supported/);
    await expect(openStore({ url: 'not a url', namespace: 'evidence' })).rejects.toThrow(/is not a URL/);
  });

  it('on a store without atomic batches, a crash between a record and its index loses nothing and doubles nothing', async () => {
    const dir = fresh();
    const inner = new KeyvStore('memory', new Keyv<string>({ namespace: 'evidence' }));
    let crashAfter: number | undefined;
    const store: KeyValueStore = Object.assign(Object.create(inner) as KeyValueStore, {
      writeBatch: async (entries: ReadonlyArray<readonly [string, string]>) => {
        if (crashAfter === undefined) return inner.writeBatch(entries);
        await inner.writeBatch(entries.slice(0, crashAfter));
        throw new Error('process died');
      },
    });
    const keyFile = path.join(dir, 'key.pem');
    const first = await openEvidenceArchive({ storeUrl: 'memory://', keyFile, store });
    await first.archive(analysis(0));
    crashAfter = 1; // the record is written, its dedup entry and head hint are not
    await expect(first.archive(analysis(1))).rejects.toThrow('process died');
    crashAfter = undefined;
    const restarted = await openEvidenceArchive({ storeUrl: 'memory://', keyFile, store });
    const again = await restarted.archive(analysis(1));
    expect(again.duplicate).toBe(true);
    await restarted.archive(analysis(2));
    const out = path.join(dir, 'bundle');
    const result = await restarted.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false });
    expect(result.count).toBe(3);
    expect((await verifyBundle(out)).problems).toEqual([]);
  });

  it('a locked database fails the append (so nothing is acknowledged) and the next one goes through', async () => {
    const temp = tempArchive();
    const archive = await openEvidenceArchive({ storeUrl: `${temp.storeUrl}?busy_timeout=50`, keyFile: temp.keyFile, encryptionKeyFile: temp.encryptionKeyFile });
    await archive.archive(analysis(0));
    const other = new sqlite3.Database(temp.storeUrl.replace('sqlite://', ''));
    const run = promisify(other.exec).bind(other);
    await run('BEGIN EXCLUSIVE');
    await expect(archive.archive(analysis(1))).rejects.toThrow(/could not write to SQLite .*locked/);
    await run('ROLLBACK');
    await promisify(other.close).bind(other)();
    expect(await archive.archive(analysis(1))).toEqual({ id: expect.stringMatching(/-1$/), duplicate: false });
    const out = path.join(temp.dir, 'bundle');
    expect((await archive.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false })).count).toBe(2);
    expect((await verifyBundle(out)).problems).toEqual([]);
    await archive.close();
  });
});
