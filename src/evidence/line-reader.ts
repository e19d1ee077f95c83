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
  // The pieces of a line that runs on past its chunk are joined once, when its end comes: joining them
  // chunk by chunk copied a line of n MiB n²/2 times (20 s for a 200 MB line in a damaged bundle).
  let pending: Buffer[] = [];
  let lineOffset = 0;
  let chunkOffset = 0;
  let number = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      yield { number: ++number, offset: lineOffset, bytes: pending.length > 0 ? Buffer.concat([...pending, piece]) : piece };
      pending = [];
      start = nl + 1;
      lineOffset = chunkOffset + start;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
    chunkOffset += chunk.length;
  }
  if (pending.length > 0) yield { number: ++number, offset: lineOffset, bytes: Buffer.concat(pending) };
}

const WINDOW_MIN = 16 * 1024;
const WINDOW_MAX = 1024 * 1024;
/** How far past the window a read may start and still count as going forward. */
const NEAR = 64 * 1024;

/**
 * Reads lines back by offset through a window that grows while the reads go forward through the file
 * (records mostly come in time order: one read per megabyte instead of one per record) and drops back to
 * exact reads when they jump about.
 */
export class LineWindow {
  private start = 0;
  private data: Buffer = Buffer.alloc(0);
  private size = 0;

  constructor(private readonly handle: Awaited<ReturnType<typeof open>>) {}

  async read(offset: number, length: number): Promise<Buffer> {
    const end = this.start + this.data.length;
    if (offset >= this.start && offset + length <= end) return this.data.subarray(offset - this.start, offset - this.start + length);
    const forward = this.data.length > 0 && offset >= end && offset - end <= NEAR;
    this.size = forward ? Math.min(Math.max(this.size * 2, WINDOW_MIN), WINDOW_MAX) : 0;
    const want = Math.max(length, this.size);
    const buffer = Buffer.alloc(want);
    const { bytesRead } = await this.handle.read(buffer, 0, want, offset);
    this.start = offset;
    this.data = buffer.subarray(0, Math.max(bytesRead, length));
    return this.data.subarray(0, length);
  }
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
