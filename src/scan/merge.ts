// A k-way merge of already-ordered streams by sent time: only the head of each stream is in memory, so
// per-channel exports become one chronological history without loading any of them. Skips and people
// pass straight through; ties keep the streams' order so the result is deterministic.
import type { Message } from '../core/types.js';
import type { ScanItem } from './types.js';

interface Head {
  message: Message;
  time: number;
  stream: number;
  iterator: AsyncIterator<ScanItem>;
}

function before(a: Head, b: Head): boolean {
  return a.time < b.time || (a.time === b.time && a.stream < b.stream);
}

class MinHeap {
  private readonly items: Head[] = [];
  get size(): number {
    return this.items.length;
  }
  push(head: Head): void {
    const items = this.items;
    items.push(head);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): Head | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!, items[m]!)) m = l;
        if (r < items.length && before(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

export async function* mergeByTime(streams: ReadonlyArray<AsyncIterable<ScanItem>>): AsyncGenerator<ScanItem> {
  const heap = new MinHeap();
  const iterators = streams.map((s) => s[Symbol.asyncIterator]());
  const pending: ScanItem[] = [];
  // Advances one stream to its next message, collecting the skips and people it passes on the way.
  const advance = async (stream: number): Promise<void> => {
    const iterator = iterators[stream]!;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const item = next.value;
      if ('message' in item) {
        heap.push({ message: item.message, time: Date.parse(item.message.sentAt), stream, iterator });
        return;
      }
      pending.push(item);
    }
  };
  try {
    for (let i = 0; i < iterators.length; i++) await advance(i);
    for (;;) {
      while (pending.length > 0) yield pending.shift()!;
      const head = heap.pop();
      if (!head) return;
      yield { message: head.message };
      await advance(head.stream);
    }
  } finally {
    await Promise.allSettled(iterators.map((it) => it.return?.()));
  }
}
