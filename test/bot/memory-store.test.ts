import { MemoryStore } from '../../src/bot/store.js';
import { keyValueStoreContract } from './store-contract.js';

keyValueStoreContract('in-memory', async () => {
  let now = 0;
  return { store: new MemoryStore(() => now), advance: async (ms) => void (now += ms) };
});
