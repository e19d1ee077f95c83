// The key that encrypts evidence at rest: 32 random bytes (base64) in a file of its own, mode 0600,
// created at first start. A canary entry in the store tells a wrong or lost key file at start-up, before
// anything is read or written with it.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync, fsyncSync } from 'node:fs';
import path from 'node:path';
import { EncryptedStore } from './encrypted-store.js';
import { StoreError, type KeyValueStore } from './store.js';

const CANARY_KEY = 'e:canary';
const CANARY = 'acts encryption canary';

function readKey(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new StoreError('key-file', `encryption key ${file} does not hold 32 base64-encoded bytes`);
  return key;
}

function createKey(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return key;
}

/** True when the store was created encrypted (it holds the canary). */
export async function isEncryptedStore(store: KeyValueStore): Promise<boolean> {
  return (await store.get(CANARY_KEY)) !== undefined;
}

/** Wraps `store` so values under `prefixes` are encrypted with the key in `file` (created when the store is new). */
export async function encryptedStore(store: KeyValueStore, file: string, prefixes: readonly string[]): Promise<EncryptedStore> {
  const canary = await store.get(CANARY_KEY);
  let key: Buffer;
  if (existsSync(file)) key = readKey(file);
  else if (canary === undefined) key = createKey(file);
  else throw new StoreError('key-file', `the evidence store is encrypted but its key file ${file} is missing; restore it (without it the evidence cannot be read)`);
  const sealed = new EncryptedStore(store, key, [...prefixes, CANARY_KEY]);
  if (canary === undefined) {
    await sealed.writeBatch([[CANARY_KEY, CANARY]]);
  } else {
    try {
      sealed.open(CANARY_KEY, canary);
    } catch {
      throw new StoreError('key-file', `encryption key ${file} is not the key this evidence store was encrypted with`);
    }
  }
  return sealed;
}
