// In an export of many files, one damaged file should not cost the others: its error becomes a counted
// skip that names the file and the place, and the scan goes on with the rest.
import type { ScanItem } from './types.js';
import { ScanInputError } from './types.js';

export async function* tolerant(stream: () => AsyncIterable<ScanItem>): AsyncGenerator<ScanItem> {
  try {
    yield* stream();
  } catch (error) {
    // Only damage in the export is skipped; anything else is a bug and must not hide as a skip.
    if (!(error instanceof ScanInputError)) throw error;
    yield { skip: { reason: `unreadable file: ${error.problem}`, position: `${error.file} ${error.position}` } };
  }
}
