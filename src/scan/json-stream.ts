// Streams one array out of a JSON document (the document itself, or the array under one top-level key)
// element by element with stream-json, so a 1 GB export never sits in memory. Numbers stay strings:
// Discord snowflakes exceed 2^53. Small top-level values beside the array (a chat's name, a guild) are
// collected into `header` as they pass.
import { Transform, type Readable } from 'node:stream';
import Assembler from 'stream-json/Assembler.js';
import Parser from 'stream-json/Parser.js';
import { ScanInputError } from './types.js';

export interface JsonArrayOptions {
  /** Shown in errors: the file (and entry, inside a zip). */
  label: string;
  /** Top-level key of the array to stream; omit when the document is the array. */
  arrayKey?: string;
  /** Filled with the document's other top-level values as they are read. */
  header?: Record<string, unknown>;
  /** Called with every top-level key; a returned string stops the read with that problem (e.g. a wrong kind of export). */
  refuseKey?: (key: string) => string | undefined;
  /** Incremented with every byte read, for the progress bar. */
  onBytes?: (n: number) => void;
  /** Elements read ahead before the parser pauses; small when many files are open at once (a merge). */
  readAhead?: number;
  /**
   * Hands the parser at most this many bytes at a time. The parser turns everything it is given into tokens
   * at once, so with hundreds of files open in a merge, small slices keep the tokens waiting in memory few.
   */
  sliceBytes?: number;
}

function slicer(size: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let at = 0; at < chunk.length; at += size) this.push(chunk.subarray(at, at + size));
      done();
    },
  });
}

export interface JsonElement {
  index: number;
  value: unknown;
}

type Token = { name: string; value?: string };

export async function* streamJsonArray(input: Readable, options: JsonArrayOptions): AsyncGenerator<JsonElement> {
  // The parser turns a whole input chunk into tokens at once; a small writable buffer keeps it from taking
  // more input while its tokens wait, which matters when hundreds of files are open in a merge.
  const parser = new Parser({ packValues: true, streamValues: false, writableHighWaterMark: 1024 });
  const highWater = options.readAhead ?? 512;
  const queue: JsonElement[] = [];
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  let bytes = 0;
  let lines = 1;
  let index = 0;
  let sawArray = false;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };

  // depth: 0 outside, 1 inside the top-level object (or array when arrayKey is absent).
  let depth = 0;
  let key: string | null = null;
  let inArray = options.arrayKey === undefined;
  let asm: Assembler | undefined;
  let asmDepth = 0;
  let headerKey: string | null = null;

  const emit = (value: unknown): void => {
    if (headerKey !== null) {
      if (options.header) options.header[headerKey] = value;
      headerKey = null;
      return;
    }
    queue.push({ index: index++, value });
    if (queue.length >= highWater) parser.pause();
  };
  const primitive = (token: Token): unknown => {
    switch (token.name) {
      case 'stringValue':
      case 'numberValue':
        return token.value;
      case 'trueValue':
        return true;
      case 'falseValue':
        return false;
      default:
        return null;
    }
  };

  const onToken = (token: Token): void => {
    if (asm) {
      (asm as unknown as Record<string, (v?: string) => void>)[token.name]?.call(asm, token.value);
      if (token.name === 'startObject' || token.name === 'startArray') asmDepth++;
      else if (token.name === 'endObject' || token.name === 'endArray') asmDepth--;
      if (asmDepth === 0) {
        const value: unknown = asm.current;
        asm = undefined;
        emit(value);
      }
      return;
    }
    const collecting = (inArray && depth === (options.arrayKey === undefined ? 1 : 2)) || headerKey !== null;
    if (collecting && token.name !== 'endArray' && token.name !== 'endObject' && token.name !== 'keyValue') {
      if (token.name === 'startObject' || token.name === 'startArray') {
        asm = new Assembler({ numberAsString: true } as Assembler.AssemblerOptions);
        asmDepth = 1;
        (asm as unknown as Record<string, () => void>)[token.name]!.call(asm);
      } else emit(primitive(token));
      return;
    }
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        depth++;
        if (depth === 1 && options.arrayKey === undefined) {
          if (token.name !== 'startArray') throw new Error('expected the document to be an array');
          sawArray = true;
        } else if (depth === 1 && token.name !== 'startObject') throw new Error('expected the document to be an object');
        else if (depth === 2 && key === options.arrayKey) {
          if (token.name !== 'startArray') throw new Error(`"${options.arrayKey}" is not an array`);
          inArray = true;
          sawArray = true;
        }
        return;
      case 'endObject':
      case 'endArray':
        if (depth === 2) inArray = false;
        depth--;
        return;
      case 'keyValue':
        if (depth === 1) {
          key = token.value ?? null;
          const refusal = key === null ? undefined : options.refuseKey?.(key);
          if (refusal) throw new Error(refusal);
          if (key !== options.arrayKey) headerKey = key;
        }
        return;
      default:
        return;
    }
  };

  parser.on('data', (token: Token) => {
    if (failure) return;
    try {
      onToken(token);
    } catch (error) {
      failure = error as Error;
      input.destroy();
      signal();
    }
    if (queue.length >= 1) signal();
  });
  parser.on('error', (error: Error) => {
    failure ??= error;
    signal();
  });
  parser.on('end', () => {
    finished = true;
    signal();
  });
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    options.onBytes?.(chunk.length);
  });
  input.on('error', (error: Error) => {
    failure ??= error;
    signal();
  });
  if (options.sliceBytes) input.pipe(slicer(options.sliceBytes)).pipe(parser);
  else input.pipe(parser);

  const where = (): string => `near byte ${bytes}, line ${lines}, after ${index} complete element${index === 1 ? '' : 's'}`;
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        if (queue.length < highWater / 2 && parser.isPaused()) parser.resume();
        yield next;
        continue;
      }
      if (failure) {
        const truncated = input.readableEnded && /expected/.test(failure.message);
        const problem = truncated
          ? `the JSON ends early — the file looks truncated (${failure.message})`
          : /^Parser/.test(failure.message) ? `not valid JSON: ${failure.message}` : failure.message;
        throw new ScanInputError(options.label, where(), problem);
      }
      if (finished) break;
      if (parser.isPaused()) parser.resume();
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (depth !== 0) throw new ScanInputError(options.label, where(), 'the JSON ends early — the file looks truncated');
    if (!sawArray) {
      const what = options.arrayKey ? `no "${options.arrayKey}" array` : 'no array';
      throw new ScanInputError(options.label, where(), `${what} in this JSON document`);
    }
  } finally {
    input.unpipe();
    input.destroy();
    parser.destroy();
  }
}

/**
 * Starts streaming and reads up to the first element, so the top-level values written before the array
 * (a chat's name and id, a guild and channel) are known before the first message is converted.
 */
export async function primedJsonArray(
  input: Readable,
  options: Omit<JsonArrayOptions, 'header'>,
): Promise<{ header: Record<string, unknown>; elements: AsyncGenerator<JsonElement> }> {
  const header: Record<string, unknown> = {};
  const stream = streamJsonArray(input, { ...options, header });
  const first = await stream.next();
  async function* elements(): AsyncGenerator<JsonElement> {
    try {
      if (first.done) return;
      yield first.value;
      yield* stream;
    } finally {
      await stream.return(undefined);
    }
  }
  return { header, elements: elements() };
}
