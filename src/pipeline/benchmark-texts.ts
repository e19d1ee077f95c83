// Texts for the pipeline benchmark: the development data's messages when ../shared is there (real length
// and vocabulary), otherwise generated sentences of similar length. Read at run time, never shipped.
// They are packed into two byte buffers (texts with only Latin-1 characters one byte a character, the
// others UTF-16) with offsets, and each text is decoded when it is asked for, as a bot decodes a message
// off the network: the benchmark's peak memory should be the pipeline's, not its fixture's.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../cli/shared-dir.js';

const FILES = ['olid_train.jsonl', 'davidson_dev.jsonl', 'irc_authorship_dev.jsonl'];
const WIDE = /[\u0100-\uffff]/;
/** Offset tag of a text in the wide buffer. */
const WIDE_BIT = 0x8000_0000;

class ByteSink {
  bytes: Buffer = Buffer.alloc(1 << 20);
  length = 0;

  append(text: string, encoding: 'latin1' | 'utf16le'): void {
    const need = this.length + text.length * 2;
    if (need > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    this.length += this.bytes.write(text, this.length, encoding);
  }

  sealed(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.length));
  }
}

export class PackedTexts {
  private narrow = new ByteSink();
  private wide = new ByteSink();
  private narrowBytes: Buffer = Buffer.alloc(0);
  private wideBytes: Buffer = Buffer.alloc(0);
  /** Per text: byte range in its buffer, WIDE_BIT set on the start for the wide buffer. */
  private starts = new Uint32Array(1024);
  private ends = new Uint32Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  add(text: string): void {
    if (this.n === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    if (WIDE.test(text)) {
      this.starts[this.n] = (this.wide.length | WIDE_BIT) >>> 0;
      this.wide.append(text, 'utf16le');
      this.ends[this.n++] = this.wide.length;
    } else {
      this.starts[this.n] = this.narrow.length;
      this.narrow.append(text, 'latin1');
      this.ends[this.n++] = this.narrow.length;
    }
  }

  /** Trims the buffers to what was added; call once after the last `add`. */
  seal(): this {
    this.narrowBytes = this.narrow.sealed();
    this.wideBytes = this.wide.sealed();
    this.narrow = new ByteSink();
    this.wide = new ByteSink();
    this.starts = this.starts.slice(0, this.n);
    this.ends = this.ends.slice(0, this.n);
    return this;
  }

  at(i: number): string {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    return start >= WIDE_BIT ? this.wideBytes.toString('utf16le', start - WIDE_BIT, end) : this.narrowBytes.toString('latin1', start, end);
  }
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Reads the files line by line from their bytes: no whole file as one string, no array of lines. */
function fromSharedData(into: PackedTexts): void {
  for (const file of FILES) {
    const full = path.join(sharedDir(), 'data', file);
    if (!existsSync(full)) continue;
    const bytes = readFileSync(full);
    let start = 0;
    while (start < bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      if (end > start) {
        const text = (JSON.parse(bytes.toString('utf8', start, end)) as { text?: unknown }).text;
        if (typeof text === 'string') into.add(text);
      }
      start = end + 1;
    }
  }
}

function generated(count: number, into: PackedTexts): void {
  const words = ['hey', 'you', 'are', 'the', 'worst', 'see', 'soon', 'meeting', 'at', 'noon', 'birthday', 'party', 'why', 'ignore', 'me', 'lol', 'ok', 'thanks', 'know', 'where', 'live'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let t = 0; t < count; t++) {
    const length = 4 + (next() % 16);
    const sentence: string[] = [];
    for (let w = 0; w < length; w++) sentence.push(words[next() % words.length]!);
    into.add(sentence.join(' '));
  }
}

/** `count` texts, cycling through the source in a fixed order. */
export class BenchmarkTexts {
  private readonly pool: PackedTexts;

  constructor(readonly count: number) {
    const pool = new PackedTexts();
    fromSharedData(pool);
    if (pool.size === 0) generated(count, pool);
    this.pool = pool.seal();
  }

  at(i: number): string {
    return this.pool.at((i * 7919) % this.pool.size);
  }

  slice(from: number, to: number): string[] {
    const out: string[] = [];
    for (let i = from; i < Math.min(to, this.count); i++) out.push(this.at(i));
    return out;
  }
}
