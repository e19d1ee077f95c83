// Texts for the pipeline benchmark: the development data's messages when ../shared is there (real length
// and vocabulary), otherwise generated sentences of similar length. Read at run time, never shipped.
// They are packed into two strings (texts with only Latin-1 characters, and the others, so one emoji does
// not make every text two bytes a character) with offsets, not kept as tens of thousands of objects: the
// benchmark's peak memory should be the pipeline's, not its fixture's.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../cli/shared-dir.js';

const FILES = ['olid_train.jsonl', 'davidson_dev.jsonl', 'irc_authorship_dev.jsonl'];
const WIDE = /[\u0100-\uffff]/;
/** Offset tag of a text in the wide string. */
const WIDE_BIT = 0x8000_0000;

export class PackedTexts {
  private narrow = '';
  private wide = '';
  /** Per text: start in its string (WIDE_BIT set for the wide string); the next entry's start is its end. */
  private starts = new Uint32Array(1024);
  private ends = new Uint32Array(1024);
  private n = 0;
  private readonly narrowParts: string[] = [];
  private readonly wideParts: string[] = [];
  private narrowLength = 0;
  private wideLength = 0;

  get size(): number {
    return this.n;
  }

  add(text: string): void {
    if (this.n === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    if (WIDE.test(text)) {
      this.starts[this.n] = (this.wideLength | WIDE_BIT) >>> 0;
      this.wideParts.push(text);
      this.wideLength += text.length;
      this.ends[this.n++] = this.wideLength;
    } else {
      this.starts[this.n] = this.narrowLength;
      this.narrowParts.push(text);
      this.narrowLength += text.length;
      this.ends[this.n++] = this.narrowLength;
    }
  }

  /** Joins what was added; call once after the last `add`. */
  seal(): this {
    this.narrow = this.narrowParts.join('');
    this.wide = this.wideParts.join('');
    this.narrowParts.length = 0;
    this.wideParts.length = 0;
    this.starts = this.starts.slice(0, this.n);
    this.ends = this.ends.slice(0, this.n);
    return this;
  }

  at(i: number): string {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    return start >= WIDE_BIT ? this.wide.slice(start - WIDE_BIT, end) : this.narrow.slice(start, end);
  }
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

function fromSharedData(into: PackedTexts): void {
  for (const file of FILES) {
    const full = path.join(sharedDir(), 'data', file);
    if (!existsSync(full)) continue;
    for (const line of readFileSync(full, 'utf8').split('\n')) {
      if (!line) continue;
      const text = (JSON.parse(line) as { text?: unknown }).text;
      if (typeof text === 'string') into.add(text);
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
