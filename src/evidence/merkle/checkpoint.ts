// A signed checkpoint of the archive's log: origin, size and root hash, in the body format of C2SP's
// tlog-checkpoint ("<origin>\n<size>\n<base64 root>\n"), signed like everything else here (Ed25519 over
// DSSE PAE with the checkpoint payload type).
import type { KeyObject } from 'node:crypto';
import { PAYLOAD_TYPES, verifySignature, type Signer } from '../signing.js';

export interface Checkpoint {
  origin: string;
  size: number;
  /** Hex SHA-256 root of the first `size` leaves. */
  rootHash: string;
  keyId: string;
  sig: string;
}

export function checkpointBody(origin: string, size: number, rootHash: string): Buffer {
  return Buffer.from(`${origin}\n${size}\n${Buffer.from(rootHash, 'hex').toString('base64')}\n`, 'utf8');
}

export function signCheckpoint(signer: Signer, origin: string, size: number, root: Buffer): Checkpoint {
  const rootHash = root.toString('hex');
  return { origin, size, rootHash, keyId: signer.keyId, sig: signer.sign(PAYLOAD_TYPES.checkpoint, checkpointBody(origin, size, rootHash)) };
}

export function checkpointSignatureValid(checkpoint: Checkpoint, key: KeyObject): boolean {
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0 || !/^[0-9a-f]{64}$/.test(checkpoint.rootHash ?? '') || /\n/.test(checkpoint.origin ?? '\n')) return false;
  return verifySignature(key, PAYLOAD_TYPES.checkpoint, checkpointBody(checkpoint.origin, checkpoint.size, checkpoint.rootHash), checkpoint.sig);
}
