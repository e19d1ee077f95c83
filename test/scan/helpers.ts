// Shared by the scan tests: where the fixtures are, and reading a whole source into arrays.
import { fileURLToPath } from 'node:url';
import type { Message } from '../../src/core/types.js';
import type { ImportSource, ScanItem, Skip } from '../../src/scan/types.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface Drained {
  messages: Message[];
  skips: Skip[];
  people: Array<{ id: string; displayName: string }>;
}

export async function drain(source: ImportSource | AsyncIterable<ScanItem>): Promise<Drained> {
  const out: Drained = { messages: [], skips: [], people: [] };
  const iterable = 'items' in source ? source.items() : source;
  try {
    for await (const item of iterable) {
      if ('message' in item) out.messages.push(item.message);
      else if ('skip' in item) out.skips.push(item.skip);
      else out.people.push(item.person);
    }
  } finally {
    if ('close' in source) await source.close();
  }
  return out;
}
