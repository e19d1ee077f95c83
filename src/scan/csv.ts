// A streaming RFC 4180 CSV reader (quoted fields may hold commas, quotes and newlines), enough for the
// Discord data package's messages.csv; rows come out one at a time with the line they started on.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ScanInputError } from './types.js';

export interface CsvRow {
  fields: string[];
  line: number;
}

export async function* readCsv(input: Readable, label: string, onBytes?: (n: number) => void): AsyncGenerator<CsvRow> {
  const decoder = new StringDecoder('utf8');
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  let first = true;
  const ready: CsvRow[] = [];
  const endRow = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) ready.push({ fields, line: rowLine });
    fields = [];
    field = '';
    rowLine = line;
  };
  const feed = (chunk: string): void => {
    let start = 0;
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) start = 1;
      first = false;
    }
    for (let i = start; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (c === '"') {
        // A doubled quote inside a quoted field is one literal quote.
        if (afterQuote) field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === ',') {
        fields.push(field);
        field = '';
      } else if (c === '\n') {
        line++;
        endRow();
      } else if (c !== '\r') field += c;
    }
  };
  const chunks = input[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<unknown>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw new ScanInputError(label, `line ${line}`, `cannot be read: ${(error as Error).message}`);
    }
    if (next.done) break;
    const bytes = next.value as Buffer;
    onBytes?.(bytes.length);
    feed(decoder.write(bytes));
    yield* ready.splice(0);
  }
  feed(decoder.end());
  if (quoted) throw new ScanInputError(label, `line ${rowLine}`, 'a quoted field never ends — the file looks truncated');
  if (field !== '' || fields.length > 0) endRow();
  yield* ready.splice(0);
}
