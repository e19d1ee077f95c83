// The recipient state store's documents kept in the bot's KeyValueStore (SQLite by default, or whatever
// ACTS_STORE_URL names), as JSON under their own namespace.
import type { KeyValueStore } from '../storage/store.js';
import type { DocumentStore } from './kv-state-store.js';

export class KeyValueDocuments implements DocumentStore {
  constructor(private readonly store: KeyValueStore) {}

  async get(key: string): Promise<unknown> {
    const raw = await this.store.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.store.writeBatch([[key, JSON.stringify(value)]]);
  }
}
