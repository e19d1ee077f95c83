import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineWindow, readByteLines } from '../../src/evidence/line-reader.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('lines');

describe('reading lines back by offset', () => {
  it('gives each line\'s exact bytes in any order of reads, forward runs and jumps alike', async () => {
    const file = path.join(dir, 'records.jsonl');
    const content = Array.from({ length: 3000 }, (_, i) => `{"seq":${i},"text":"${'é'.repeat(i % 97)}"}`).join('\n') + '\n';
    writeFileSync(file, content);
    const lines: Array<{ offset: number; bytes: Buffer }> = [];
    for await (const line of readByteLines(file)) lines.push({ offset: line.offset, bytes: Buffer.from(line.bytes) });
    const handle = await open(file, 'r');
    try {
      await fc.assert(fc.asyncProperty(fc.array(fc.oneof(fc.nat({ max: lines.length - 1 }), fc.constant(-1)), { minLength: 1, maxLength: 400 }), async (picks) => {
        const window = new LineWindow(handle);
        let forward = 0;
        for (const pick of picks) {
          // -1: the next line after the last one read (how a report mostly reads).
          const at = pick === -1 ? forward : pick;
          forward = (at + 1) % lines.length;
          const line = lines[at]!;
          expect((await window.read(line.offset, line.bytes.length)).equals(line.bytes)).toBe(true);
        }
      }), { numRuns: 50 });
    } finally {
      await handle.close();
    }
  });

  it('reads lines that run across the reader\'s 1 MiB chunks, many to a chunk or one over several, with their offsets', async () => {
    const file = path.join(dir, 'long-lines.jsonl');
    const lengths = [0, 5, (1 << 20) - 3, 1, 0, 3 * (1 << 20) + 7, 200, 1 << 20, 12];
    const lines = lengths.map((n, i) => Buffer.alloc(n, 97 + i));
    for (const ending of ['\n', '']) {
      writeFileSync(file, Buffer.concat([...lines.flatMap((l, i) => (i < lines.length - 1 ? [l, Buffer.from('\n')] : [l])), Buffer.from(ending)]));
      const read: Array<{ number: number; offset: number; bytes: Buffer }> = [];
      for await (const line of readByteLines(file)) read.push({ ...line, bytes: Buffer.from(line.bytes) });
      let offset = 0;
      expect(read.map((l) => [l.number, l.offset, l.bytes.length])).toEqual(lines.map((l, i) => [i + 1, (offset += i === 0 ? 0 : lines[i - 1]!.length + 1), l.length]));
      expect(read.every((l, i) => l.bytes.equals(lines[i]!))).toBe(true);
    }
  });
});
