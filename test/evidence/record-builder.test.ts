import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChainHead } from '../../src/evidence/chain-state.js';
import { GENESIS_HASH, MAX_RECORD_BYTES, sha256Hex, signedBytes } from '../../src/evidence/record-codec.js';
import type { RecordBody } from '../../src/evidence/record-body.js';
import { RecordBuilder } from '../../src/evidence/record-builder.js';
import { PAYLOAD_TYPES, endorsementBytes, publicKeyFromRaw, signerFor, verifySignature, type Signer } from '../../src/evidence/signing.js';
import { layout, recipientTag, recordId } from '../../src/evidence/store-layout.js';

const newSigner = (): Signer => signerFor(generateKeyPairSync('ed25519').privateKey);
const recipient = 'discord:U1';
const tag = recipientTag(recipient);
const empty: ChainHead = { recipient, tag, seq: -1, hash: GENESIS_HASH };
const hold = (reason: string): RecordBody => ({ kind: 'legal-hold', recipient, occurredAt: '2026-01-01T00:00:00.000Z', hold: { on: true, reason } });
const at = '2026-01-02T00:00:00.000Z';

describe('RecordBuilder', () => {
  it('builds each record on the one before: seq, id, previous hash, time, key and a signature over the rest', () => {
    const signer = newSigner();
    const builder = new RecordBuilder(signer);
    const out: Array<[string, string]> = [];
    const encoded = new Map<string, Buffer>();
    const first = builder.extend(empty, hold('a'), at, out, encoded);
    const second = builder.extend(first.head, hold('b'), at, out, encoded);

    expect(first.signed.record).toMatchObject({ v: 1, id: recordId(tag, 0), seq: 0, prev: GENESIS_HASH, archivedAt: at, keyId: signer.keyId });
    expect(second.signed.record).toMatchObject({ id: recordId(tag, 1), seq: 1, prev: first.signed.hash });
    expect(second.head).toEqual({ recipient, tag, seq: 1, hash: sha256Hex(second.signed.line), keyId: signer.keyId });
    expect(out).toEqual([[layout.record(tag, 0), first.signed.line], [layout.record(tag, 1), second.signed.line]]);
    expect(encoded.get(layout.record(tag, 1))).toEqual(Buffer.from(second.signed.line, 'utf8'));
    const publicKey = publicKeyFromRaw(signer.publicKey);
    expect(verifySignature(publicKey, PAYLOAD_TYPES.record, signedBytes(second.signed.record), second.signed.record.sig)).toBe(true);
  });

  it('puts a key-rotation record, endorsed by the previous key, before the next record of a chain that key signed last', () => {
    const previous = newSigner();
    const builder = new RecordBuilder(previous);
    const out: Array<[string, string]> = [];
    const last = builder.extend(empty, hold('a'), at, out, new Map()).head;
    const next = newSigner();
    const key = { keyId: next.keyId, previousKeyId: previous.keyId, publicKey: next.publicKey };
    builder.useSigner(next, { previousKeyId: previous.keyId, endorsement: previous.sign(PAYLOAD_TYPES.keyRotation, endorsementBytes(key)) });

    const after = builder.extend(last, hold('b'), at, out, new Map());

    const [rotation, record] = out.slice(1).map(([, line]) => JSON.parse(line) as Record<string, unknown>);
    expect(rotation).toMatchObject({ kind: 'key-rotation', seq: 1, prev: last.hash, keyId: next.keyId, key });
    expect(record).toMatchObject({ kind: 'legal-hold', seq: 2, keyId: next.keyId });
    expect(after.head).toMatchObject({ seq: 2, keyId: next.keyId });
  });

  it('refuses to continue a chain signed by a key no endorsement leads from', () => {
    const builder = new RecordBuilder(newSigner());
    const head: ChainHead = { ...empty, seq: 0, hash: 'f'.repeat(64), keyId: 'another-key' };
    expect(() => builder.extend(head, hold('a'), at, [], new Map())).toThrow(/no endorsement leads from it/);
  });

  it('refuses a record larger than the archive keeps, and adds nothing for it', () => {
    const builder = new RecordBuilder(newSigner());
    const out: Array<[string, string]> = [];
    const encoded = new Map<string, Buffer>();
    expect(() => builder.extend(empty, hold('€'.repeat(Math.ceil(MAX_RECORD_BYTES / 3) + 1)), at, out, encoded)).toThrow(/cannot archive: the record would be \d+ bytes/);
    expect(out).toEqual([]);
    expect(encoded.size).toBe(0);
  });
});
