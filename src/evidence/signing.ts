// Ed25519 signatures (node:crypto) over DSSE's pre-authentication encoding, as sigstore does: the payload
// type and its length are part of what is signed, so a record's signature can never be replayed as a
// manifest's or checkpoint's, nor a truncated payload pass.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes } from './canonical-json.js';

export const PAYLOAD_TYPES = {
  record: 'application/vnd.acts.evidence-record+json;v=1',
  manifest: 'application/vnd.acts.evidence-manifest+json;v=1',
  checkpoint: 'application/vnd.acts.evidence-checkpoint;v=1',
  keyRotation: 'application/vnd.acts.key-rotation+json;v=1',
} as const;

export type PayloadType = (typeof PAYLOAD_TYPES)[keyof typeof PAYLOAD_TYPES];

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal bytes. */
export function pae(type: string, body: Buffer): Buffer {
  const typeBytes = Buffer.from(type, 'utf8');
  const head = Buffer.from(`DSSEv1 ${typeBytes.length} ${type} ${body.length} `, 'utf8');
  return Buffer.concat([head, body]);
}

/** The raw 32-byte Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** Key id = hex SHA-256 of the raw public key: the fingerprint a person compares. */
export function keyIdOf(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function publicKeyFromRaw(rawBase64: string): KeyObject {
  const raw = Buffer.from(rawBase64, 'base64');
  if (raw.length !== 32) throw new Error(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** Groups a key id for reading aloud or comparing by eye: `ab12 cd34 …` (first 32 hex digits). */
export function fingerprint(keyId: string): string {
  return keyId.slice(0, 32).match(/.{4}/g)!.join(' ');
}

export interface Signer {
  readonly keyId: string;
  /** Base64 of the raw public key. */
  readonly publicKey: string;
  sign(type: PayloadType, body: Buffer): string;
}

export function signerFor(privateKey: KeyObject): Signer {
  const raw = rawPublicKey(createPublicKey(privateKey));
  return {
    keyId: keyIdOf(raw),
    publicKey: raw.toString('base64'),
    sign: (type, body) => sign(null, pae(type, body), privateKey).toString('base64'),
  };
}

export function verifySignature(publicKey: KeyObject, type: PayloadType, body: Buffer, signatureBase64: string): boolean {
  if (typeof signatureBase64 !== 'string') return false;
  const signature = Buffer.from(signatureBase64, 'base64');
  // Node's base64 decoder skips characters outside the alphabet: only the one canonical spelling of the
  // 64 bytes counts, so a signature with bytes added to it is a changed signature.
  if (signature.length !== 64 || signature.toString('base64') !== signatureBase64) return false;
  try {
    return verify(null, pae(type, body), publicKey, signature);
  } catch {
    return false;
  }
}

/** What the previous key signs to endorse the next one at a rotation. */
export function endorsementBytes(key: { keyId: string; previousKeyId: string; publicKey: string }): Buffer {
  return canonicalBytes({ keyId: key.keyId, previousKeyId: key.previousKeyId, publicKey: key.publicKey });
}
