import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/canonical-json.js';
import { sanitize, type UnicodeRepair } from '../../src/evidence/sanitize.js';
import { pae } from '../../src/evidence/signing.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, e: undefined })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}');
  });

  it('gives the same bytes for the same content in any key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 'é', q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 'é' }, x: 1 }));
  });

  it('keeps valid astral characters and escapes control characters', () => {
    expect(canonicalJson({ t: 'a\u0000b😀' })).toBe('{"t":"a\\u0000b😀"}');
  });

  it('refuses a lone surrogate, NaN and non-plain objects with an error that says where', () => {
    expect(() => canonicalJson({ m: { text: 'bad \uD800 here' } })).toThrow(/\.m\.text.*lone UTF-16 surrogate/);
    expect(() => canonicalJson({ score: Number.NaN })).toThrow(/\.score.*NaN/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/Date is not a plain object/);
  });
});

describe('sanitize before archiving', () => {
  it('replaces lone surrogates with U+FFFD and keeps the exact original code units', () => {
    const repairs: UnicodeRepair[] = [];
    const original = 'hi \uDC00 there \uD83D';
    const clean = sanitize({ text: original, ok: 'fine 😀' }, 'message', repairs) as { text: string; ok: string };
    expect(clean).toEqual({ text: 'hi \uFFFD there \uFFFD', ok: 'fine 😀' });
    expect(repairs).toHaveLength(1);
    expect(repairs[0]!.path).toBe('message.text');
    expect(Buffer.from(repairs[0]!.utf16leBase64, 'base64').toString('utf16le')).toBe(original);
    expect(() => canonicalJson(clean)).not.toThrow();
  });

  it('turns bigints, dates and non-finite numbers into JSON values and cuts cycles', () => {
    const cyclic: Record<string, unknown> = { n: 10n ** 20n, d: new Date(0), x: Number.POSITIVE_INFINITY };
    cyclic.self = cyclic;
    expect(sanitize(cyclic, 'extra', [])).toEqual({ n: '100000000000000000000', d: '1970-01-01T00:00:00.000Z', x: null, self: '[circular]' });
  });
});

describe('DSSE pre-authentication encoding', () => {
  it('matches the DSSE specification example', () => {
    // From the DSSE protocol document: PAE("http://example.com/HelloWorld", "hello world").
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters', () => {
    expect(pae('t', Buffer.from('é', 'utf8')).toString()).toBe('DSSEv1 1 t 2 é');
  });
});

describe('record lines', () => {
  it('the signed line is the canonical JSON of the record, and the signature is over it without `sig`', async () => {
    const { generateKeyPairSync, verify } = await import('node:crypto');
    const { signRecord, canonicalForms, sha256Hex } = await import('../../src/evidence/record-codec.js');
    const { signerFor, PAYLOAD_TYPES } = await import('../../src/evidence/signing.js');
    const keys = generateKeyPairSync('ed25519');
    const signer = signerFor(keys.privateKey);
    const unsigned = { v: 1 as const, id: 'a-0', kind: 'message' as const, recipient: 'discord:1', seq: 0, prev: '0'.repeat(64), archivedAt: '2024-01-01T00:00:00.000Z', keyId: signer.keyId, verdict: undefined };
    const signed = signRecord(unsigned, signer);
    expect(signed.line).toBe(canonicalJson(signed.record));
    expect(signed.hash).toBe(sha256Hex(signed.line));
    const { sig, ...rest } = signed.record;
    expect(verify(null, pae(PAYLOAD_TYPES.record, Buffer.from(canonicalJson(rest))), keys.publicKey, Buffer.from(sig, 'base64'))).toBe(true);
    expect(canonicalForms(JSON.parse(signed.line)).line).toBe(signed.line);
  });
});
