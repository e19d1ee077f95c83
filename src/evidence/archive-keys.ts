// The archive's signing keys: which one is active (stored under `a:`), every public key ever used (under
// `k:`, with the previous key's endorsement), first-start creation, and rotation.
//
// A rotation decides first and acts after: the next key is written beside the key file, then `k:`/`a:` name
// it active, then every chain gets a key-rotation record signed by the new key and carrying the old key's
// endorsement, then the key file is replaced. A crash before `a:` is written leaves the old key in force;
// after it, the next start finishes the rotation (promotes the file, writes missing rotation records).
import type { KeyValueStore } from '../storage/store.js';
import type { BatchWriter } from './batch-writer.js';
import { EvidenceError } from './errors.js';
import { discardNextKey, loadOrCreateKey, promoteNextKey, readNextKey, writeNextKey } from './key-file.js';
import { PAYLOAD_TYPES, endorsementBytes, signerFor, type Signer } from './signing.js';
import { layout } from './store-layout.js';
import type { ChainHead } from './chain-state.js';

export interface StoredKey {
  publicKey: string;
  previousKeyId?: string;
  endorsement?: string;
}

export interface OpenedKey {
  signer: Signer;
  /** The previous key's endorsement of this one, when the archive has rotated keys. */
  endorsement?: { previousKeyId: string; endorsement: string };
  warnings: string[];
}

export async function openSigningKey(store: KeyValueStore, keyFile: string): Promise<OpenedKey> {
  const active = await store.get(layout.activeKey);
  const pending = readNextKey(keyFile);
  if (pending) {
    if (active === signerFor(pending).keyId) promoteNextKey(keyFile);
    else discardNextKey(keyFile);
  }
  const loaded = loadOrCreateKey(keyFile);
  const signer = signerFor(loaded.privateKey);
  if (active === undefined) {
    await store.writeBatch([
      [layout.publicKey(signer.keyId), JSON.stringify({ publicKey: signer.publicKey } satisfies StoredKey)],
      [layout.activeKey, signer.keyId],
    ]);
  } else if (active !== signer.keyId) {
    throw new EvidenceError(
      'key-mismatch',
      `signing key ${keyFile} (key id ${signer.keyId.slice(0, 16)}…) is not the archive's active key (${active.slice(0, 16)}…); restore the key file — a new key would make later records unverifiable`,
    );
  }
  const stored = (await publicKeys(store)).get(signer.keyId);
  const endorsement = stored?.previousKeyId && stored.endorsement ? { previousKeyId: stored.previousKeyId, endorsement: stored.endorsement } : undefined;
  return { signer, endorsement, warnings: loaded.warnings };
}

export async function publicKeys(store: KeyValueStore): Promise<Map<string, StoredKey>> {
  const keys = new Map<string, StoredKey>();
  for await (const [key, value] of store.scan('k:')) keys.set(key.slice(2), JSON.parse(value) as StoredKey);
  return keys;
}

async function recipients(store: KeyValueStore): Promise<string[]> {
  const found: string[] = [];
  for await (const [, recipient] of store.scan(layout.recipientPrefix)) found.push(recipient);
  return found;
}

/** Appends a key-rotation record to every chain whose last record was signed by another key than the writer's. */
export async function bringChainsToActiveKey(store: KeyValueStore, writer: BatchWriter): Promise<number> {
  const writes: Array<[string, string]> = [];
  const heads: ChainHead[] = [];
  const archivedAt = new Date().toISOString();
  for (const recipient of await recipients(store)) {
    const head = await writer.chains.load(recipient);
    if (head.seq < 0 || head.keyId === writer.recordBuilder.signer.keyId) continue;
    heads.push(writer.extend(head, writer.recordBuilder.rotationBody(head), archivedAt, writes).head);
  }
  await writer.persist(writes, [], heads);
  return heads.length;
}

export async function rotateSigningKey(store: KeyValueStore, writer: BatchWriter, keyFile: string): Promise<{ previousKeyId: string; keyId: string; chains: number }> {
  return writer.exclusive(async () => {
    const previous = writer.recordBuilder.signer;
    await bringChainsToActiveKey(store, writer);
    const next = signerFor(writeNextKey(keyFile));
    const key = { keyId: next.keyId, previousKeyId: previous.keyId, publicKey: next.publicKey };
    const endorsement = previous.sign(PAYLOAD_TYPES.keyRotation, endorsementBytes(key));
    try {
      await store.writeBatch([
        [layout.publicKey(next.keyId), JSON.stringify({ publicKey: next.publicKey, previousKeyId: previous.keyId, endorsement } satisfies StoredKey)],
        [layout.activeKey, next.keyId],
      ]);
    } catch (error) {
      discardNextKey(keyFile);
      throw error;
    }
    writer.recordBuilder.useSigner(next, { previousKeyId: previous.keyId, endorsement });
    const chains = await bringChainsToActiveKey(store, writer);
    promoteNextKey(keyFile);
    return { previousKeyId: previous.keyId, keyId: next.keyId, chains };
  });
}
