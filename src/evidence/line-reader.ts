// Reads a JSON-lines file as exact byte lines with their offsets (the verifier hashes bytes, not strings;
// the report seeks back to a line by its offset). Only '\n' ends a line: a '\r' stays in, and so fails.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export interface ByteLine {
  /** 1-based line number. */
  number: number;
  offset: number;
  bytes: Buffer;
}

export async function* readByteLines(file: string): AsyncIterable<ByteLine> {
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = 0;
  let number = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      yield { number: ++number, offset: carryOffset + start, bytes: data.subarray(start, nl) };
      start = nl + 1;
    }
    carryOffset += start;
    data = data.subarray(start);
    carry = Buffer.from(data);
  }
  if (carry.length > 0) yield { number: ++number, offset: carryOffset, bytes: carry };
}

/** Reads the bytes of one line back (without its newline). */
export async function readLineAt(handle: Awaited<ReturnType<typeof open>>, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  await handle.read(buffer, 0, length, offset);
  return buffer;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 decoding that refuses invalid bytes instead of replacing them. */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
