// Encryption at rest: values under the given prefixes are sealed with AES-256-GCM (node:crypto), a fresh
// 96-bit nonce each, and the entry's key as associated data, so a value moved to another key, a flipped
// byte, or a wrong key is an error naming the entry, never garbage. The key lives outside the store.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StoreError, type KeyValueStore } from './store.js';

const TAG = 'e1.';

/** Random nonces drawn 4 KiB at a time: one system call per 341 seals instead of one each. */
let pool = Buffer.alloc(0);
function nonce(): Buffer {
  if (pool.length < 12) pool = randomBytes(4092);
  const next = pool.subarray(0, 12);
  pool = pool.subarray(12);
  return next;
}

export class EncryptedStore implements KeyValueStore {
  readonly kind;
  readonly atomicBatches;

  constructor(
    private readonly inner: KeyValueStore,
    private readonly key: Buffer,
    private readonly prefixes: readonly string[],
  ) {
    if (key.length !== 32) throw new StoreError('key-file', `an AES-256 key is 32 bytes, got ${key.length}`);
    this.kind = inner.kind;
    this.atomicBatches = inner.atomicBatches;
  }

  private sealed(key: string): boolean {
    return this.prefixes.some((p) => key.startsWith(p));
  }

  seal(key: string, value: string): string {
    if (!this.sealed(key)) return value;
    const iv = nonce();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(key, 'utf8'));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return TAG + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  open(key: string, stored: string | undefined): string | undefined {
    if (stored === undefined || !this.sealed(key)) return stored;
    const fail = (why: string): never => {
      throw new StoreError('decrypt-failed', `cannot decrypt stored entry ${key}: ${why}`);
    };
    if (!stored.startsWith(TAG)) fail('it is not encrypted (written without the encryption key?)');
    const data = Buffer.from(stored.slice(TAG.length), 'base64');
    if (data.length < 28) fail('it is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
      decipher.setAAD(Buffer.from(key, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - 16));
      return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      return fail('wrong encryption key, or the stored bytes were changed');
    }
  }

  async get(key: string): Promise<string | undefined> {
    return this.open(key, await this.inner.get(key));
  }

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    const values = await this.inner.getMany(keys);
    return values.map((value, i) => this.open(keys[i]!, value));
  }

  writeBatch(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    return this.inner.writeBatch(entries.map(([key, value]) => [key, this.seal(key, value)] as const));
  }

  deleteMany(keys: readonly string[]): Promise<void> {
    return this.inner.deleteMany(keys);
  }

  async *scan(prefix: string, options?: { after?: string; limit?: number }): AsyncIterable<[string, string]> {
    for await (const [key, value] of this.inner.scan(prefix, options)) yield [key, this.open(key, value)!];
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
