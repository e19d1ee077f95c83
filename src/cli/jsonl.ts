// Streams JSONL input line by line for the CLI: a malformed line is reported on stderr with its line
// number and skipped; the caller learns at the end how many were bad.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CliError } from './command.js';

export interface IdText {
  /** As given: a string, or a number (echoed back as a number so callers can join on it). */
  id: string | number;
  text: string;
  line: number;
}

export interface JsonlStats {
  bad: number;
}

function inputStream(file: string | undefined): Readable {
  if (!file || file === '-') return process.stdin;
  const stream = createReadStream(file);
  return stream;
}

/** Yields each valid `{"id","text"}` line; ids may be strings or finite numbers. */
export async function* readIdTextLines(file: string | undefined, stats: JsonlStats, label = file ?? 'stdin'): AsyncGenerator<IdText> {
  const stream = inputStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    if (stream === process.stdin) return resolve();
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new CliError(`cannot read ${label}: ${e.code ?? e.message}`)));
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim() === '') continue;
    const problem = (what: string): void => {
      stats.bad++;
      process.stderr.write(`${label}:${n}: ${what}; line skipped\n`);
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problem('not valid JSON');
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problem('expected an object {"id","text"}');
      continue;
    }
    const { id, text } = value as Record<string, unknown>;
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
      problem('"id" must be a string or a number');
      continue;
    }
    if (typeof text !== 'string') {
      problem('"text" must be a string');
      continue;
    }
    yield { id, text, line: n };
  }
}

/** Writes output lines with back-pressure, so millions of lines do not pile up in memory. */
export function createLineWriter(out: NodeJS.WritableStream = process.stdout): { write(obj: unknown): Promise<void> | void; end(): Promise<void> } {
  let buffer = '';
  const flush = (): Promise<void> | void => {
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    if (!out.write(chunk)) return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  return {
    write(obj: unknown) {
      buffer += `${JSON.stringify(obj)}\n`;
      if (buffer.length > 64 * 1024) return flush();
    },
    async end() {
      await flush();
    },
  };
}
