// An archive is encrypted or not for its whole life: mixing would leave records one side cannot read.
import { encryptedStore, isEncryptedStore } from '../storage/encryption-key.js';
import type { KeyValueStore } from '../storage/store.js';
import { EvidenceError } from './errors.js';
import { ENCRYPTED_PREFIXES } from './store-layout.js';

export async function sealIfEncrypted(store: KeyValueStore, keyFile: string | undefined): Promise<KeyValueStore> {
  const encrypted = await isEncryptedStore(store);
  if (!keyFile) {
    if (encrypted) throw new EvidenceError('key-file', 'this evidence store is encrypted: open it with its key (ACTS_EVIDENCE_KEY_FILE)');
    return store;
  }
  if (!encrypted) {
    for await (const _ of store.scan('r:', { limit: 1 })) {
      throw new EvidenceError('key-file', 'this evidence store holds unencrypted records; encrypting it afterwards is not supported (open it without ACTS_EVIDENCE_KEY_FILE, or start a new store)');
    }
  }
  return encryptedStore(store, keyFile, ENCRYPTED_PREFIXES);
}
