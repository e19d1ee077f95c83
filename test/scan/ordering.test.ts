import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { sortByTime } from '../../src/scan/external-sort.js';
import { mergeByTime } from '../../src/scan/merge.js';
import type { ScanItem } from '../../src/scan/types.js';
import { drain } from './helpers.js';

const message = (id: string, ms: number): Message => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  messageId: id,
  author: { id: 'U1', displayName: 'u' },
  text: `text ${id}`,
  sentAt: new Date(ms).toISOString(),
  mentions: [],
  attachments: [],
  isDirect: false,
});

async function* stream(items: ScanItem[]): AsyncGenerator<ScanItem> {
  yield* items;
}

describe('chronological order', () => {
  it('merges sorted streams into one sorted stream, ties in stream order, skips passed through', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 20 }), { maxLength: 6 }), async (lists) => {
        const streams = lists.map((times, s) => stream([...times].sort((a, b) => a - b).map((t, i) => ({ message: message(`${s}-${i}`, t * 1000) }))));
        const { messages } = await drain(mergeByTime(streams));
        const expected = lists
          .flatMap((times, s) => [...times].sort((a, b) => a - b).map((t, i) => ({ id: `${s}-${i}`, t, s })))
          .sort((a, b) => a.t - b.t || a.s - b.s)
          .map((x) => x.id);
        expect(messages.map((m) => m.messageId)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
    const { skips } = await drain(mergeByTime([stream([{ skip: { reason: 'service message', position: 'a [0]' } }, { message: message('x', 0) }]), stream([])]));
    expect(skips).toEqual([{ reason: 'service message', position: 'a [0]' }]);
  });

  it('sorts any order with bounded memory by spilling sorted runs to disk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 200 }), fc.integer({ min: 1, max: 40 }), async (times, runSize) => {
        const items = times.map((t, i) => ({ message: message(String(i), t) }));
        const { messages } = await drain(sortByTime(stream(items), { runSize }));
        expect(messages.map((m) => m.messageId)).toEqual(
          times
            .map((t, i) => ({ t, i }))
            .sort((a, b) => a.t - b.t || a.i - b.i)
            .map((x) => String(x.i)),
        );
        // A spilled message comes back whole.
        if (messages.length > 0) expect(messages[0]).toEqual(items.find((x) => x.message.messageId === messages[0]!.messageId)!.message);
      }),
      { numRuns: 40 },
    );
  });
});
