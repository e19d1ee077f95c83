// Which keys a bundle may be signed with: the chain's first key (the anchor, trusted by its fingerprint)
// and every key that a key already trusted endorsed. Anything else is a stranger's key.
import type { KeyObject } from 'node:crypto';
import type { Manifest } from '../bundle-format.js';
import { PAYLOAD_TYPES, endorsementBytes, keyIdOf, publicKeyFromRaw, verifySignature } from '../signing.js';
import type { Problems } from './problems.js';

export function trustedKeys(manifest: Manifest, problems: Problems): Map<string, KeyObject> {
  const parsed = new Map<string, KeyObject>();
  for (const key of Array.isArray(manifest.keys) ? manifest.keys : []) {
    try {
      const object = publicKeyFromRaw(key.publicKey);
      if (keyIdOf(Buffer.from(key.publicKey, 'base64')) !== key.keyId) problems.manifest(`key ${key.keyId} does not match its public key`);
      else parsed.set(key.keyId, object);
    } catch (error) {
      problems.manifest(`key ${String(key?.keyId)} is not an Ed25519 public key: ${(error as Error).message}`);
    }
  }
  const trusted = new Map<string, KeyObject>();
  const anchor = parsed.get(manifest.anchorKeyId);
  if (!anchor) {
    problems.manifest(`the anchor key ${String(manifest.anchorKeyId)} is not among the manifest's keys`);
    return trusted;
  }
  trusted.set(manifest.anchorKeyId, anchor);
  // Endorsements form a line from the anchor; follow it until no further key is endorsed.
  for (let grew = true; grew; ) {
    grew = false;
    for (const key of manifest.keys) {
      if (trusted.has(key.keyId) || !parsed.has(key.keyId) || !key.previousKeyId) continue;
      const previous = trusted.get(key.previousKeyId);
      if (!previous) continue;
      const body = endorsementBytes({ keyId: key.keyId, previousKeyId: key.previousKeyId, publicKey: key.publicKey });
      if (!verifySignature(previous, PAYLOAD_TYPES.keyRotation, body, key.endorsement ?? '')) {
        problems.manifest(`key ${key.keyId} carries no valid endorsement by key ${key.previousKeyId}`);
        continue;
      }
      trusted.set(key.keyId, parsed.get(key.keyId)!);
      grew = true;
    }
  }
  for (const key of parsed.keys()) {
    if (!trusted.has(key)) problems.manifest(`key ${key} is not endorsed, directly or through other keys, by the chain's first key`);
  }
  return trusted;
}
