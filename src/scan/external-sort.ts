// Puts the messages of an export that is not in time order (a Discord data package is newest-first; an
// mbox is in arrival order, a Gmail Takeout mbox in no order at all) into chronological order with bounded
// memory: sorted runs of at most `runSize` messages spill to temporary JSONL files, then a k-way merge
// reads them back. Small exports never touch the disk.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { Message } from '../core/types.js';
import { mergeByTime } from './merge.js';
import type { ScanItem } from './types.js';

export interface SortOptions {
  runSize?: number;
  tmpDir?: string;
}

const byTime = (a: Message, b: Message): number => Date.parse(a.sentAt) - Date.parse(b.sentAt);

async function writeRun(file: string, messages: Message[]): Promise<void> {
  const out = createWriteStream(file);
  for (const message of messages.sort(byTime)) {
    if (!out.write(`${JSON.stringify(message)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}

async function* readRun(file: string): AsyncGenerator<ScanItem> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield { message: JSON.parse(line) as Message };
}

export async function* sortByTime(items: AsyncIterable<ScanItem>, options: SortOptions = {}): AsyncGenerator<ScanItem> {
  const runSize = options.runSize ?? 50_000;
  let buffer: Message[] = [];
  let dir: string | undefined;
  const runs: string[] = [];
  try {
    for await (const item of items) {
      if (!('message' in item)) {
        yield item;
        continue;
      }
      buffer.push(item.message);
      if (buffer.length >= runSize) {
        dir ??= await mkdtemp(path.join(options.tmpDir ?? tmpdir(), 'acts-scan-sort-'));
        const file = path.join(dir, `run-${runs.length}.jsonl`);
        await writeRun(file, buffer);
        runs.push(file);
        buffer = [];
      }
    }
    if (runs.length === 0) {
      for (const message of buffer.sort(byTime)) yield { message };
      return;
    }
    if (buffer.length > 0) {
      const file = path.join(dir!, `run-${runs.length}.jsonl`);
      await writeRun(file, buffer);
      runs.push(file);
      buffer = [];
    }
    yield* mergeByTime(runs.map((file) => readRun(file)));
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
