import fc from 'fast-check';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { decodeKeyvString, encodeKeyvString } from '../../src/storage/keyv-codec.js';

describe('keyv codec of the SQLite store', () => {
  const keyv = new Keyv<string>();
  const strings = fc.oneof(fc.string(), fc.string().map((s) => `:${s}`), fc.string().map((s) => `::base64:${s}`), fc.constantFrom(':', '::', ':base64:', '::base64:QQ=='));

  it('writes exactly the bytes keyv writes for a string value', async () => {
    await fc.assert(fc.asyncProperty(strings, async (value) => {
      expect(encodeKeyvString(value)).toBe(await keyv.serialize!({ value }));
    }));
  });

  it('reads back what keyv reads, and every value it wrote', async () => {
    await fc.assert(fc.asyncProperty(strings, async (value) => {
      const raw = encodeKeyvString(value);
      expect(decodeKeyvString(raw)).toBe(value);
      const data = (await keyv.deserialize!(raw)) as { value?: unknown };
      expect(decodeKeyvString(raw)).toBe(typeof data.value === 'string' ? data.value : undefined);
    }));
  });

  it('gives undefined where keyv gives no string value', async () => {
    for (const raw of ['null', '{"value":":base64:QQ=="}', '{"value":1}', '{"value":{"a":"b"}}', '{}', 'true', '"s"']) {
      const data = (await keyv.deserialize!(raw)) as { value?: unknown } | null;
      expect(decodeKeyvString(raw), raw).toBe(typeof data?.value === 'string' ? data.value : undefined);
    }
    expect(decodeKeyvString(undefined)).toBeUndefined();
  });
});
