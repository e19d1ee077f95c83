// In an export of many files, one damaged file should not cost the others: its error becomes a counted
// skip that names the file and the place, and the scan goes on with the rest.
import type { ScanItem } from './types.js';
import { ScanInputError } from './types.js';

export async function* tolerant(stream: () => AsyncIterable<ScanItem>, label: string): AsyncGenerator<ScanItem> {
  try {
    yield* stream();
  } catch (error) {
    if (error instanceof ScanInputError) {
      yield { skip: { reason: `unreadable file: ${error.problem}`, position: `${error.file} ${error.position}` } };
      return;
    }
    yield { skip: { reason: `unreadable file: ${(error as Error).message}`, position: label } };
  }
}
