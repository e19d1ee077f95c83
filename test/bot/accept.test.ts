// The durable inbox as the Telegram adapter uses it: a getUpdates batch is stored in one write, a message
// aimed at nobody protected is stored as done in that write, and a verdict notice takes its buttons'
// handle along in its own write.
import { describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/bot/ports.js';
import { MemoryStore, type StoreEntry } from '../../src/bot/store.js';
import { THREAT } from '../doubles/analyser.js';
import { caller, groupMessage, harness } from './harness.js';

const VICTIM = '111';
const NOBODY = '222';

class CountingStore extends MemoryStore {
  readonly addManyCalls: string[][] = [];
  override async addMany(entries: readonly StoreEntry[]): Promise<boolean[]> {
    this.addManyCalls.push(entries.map((e) => e.key));
    return super.addMany(entries);
  }
}


function message(mentions: string[], text = 'see you at the book club'): InboundEvent {
  const m = groupMessage({ text, mentions });
  return { kind: 'message', message: m, dedupKey: `msg:${m.channelId}:${m.messageId}` };
}

describe('bot service: accepting a platform batch', () => {
  it('stores a whole batch in one write, processes it after, and refuses it the second time', async () => {
    const h = harnessWithCountingStore();
    await h.service.onCommand({ caller: caller(VICTIM), name: 'protect', args: '' });
    const batch = [message([VICTIM], THREAT), message([VICTIM]), message([NOBODY])];
    h.store.addManyCalls.length = 0;
    expect(await h.service.acceptMany(batch)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(h.store.addManyCalls[0]).toHaveLength(3);
    await h.service.drained();
    await h.service.processQueue();
    expect(h.client.directTo(VICTIM)).toHaveLength(1);
    expect(await h.service.acceptMany(batch)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('a message aimed at nobody protected is stored as done at once: never pending, never analysed', async () => {
    const h = harnessWithCountingStore();
    await h.service.onCommand({ caller: caller(VICTIM), name: 'protect', args: '' });
    const event = message([NOBODY], THREAT);
    expect(await h.service.accept(event)).toBe('accepted');
    const [entry] = await h.store.list<Record<string, unknown>>('dedup:');
    expect(entry!.value).not.toHaveProperty('pending');
    await h.service.drained();
    expect(h.analyser.calls).toHaveLength(0);
    expect(await h.service.accept(event)).toBe('duplicate');
  });

  it('an edit accepted with its message in one batch does not overtake it', async () => {
    const h = harnessWithCountingStore();
    await h.service.onCommand({ caller: caller(VICTIM), name: 'protect', args: '' });
    const original = message([VICTIM], `${THREAT} original`);
    const m = (original as Extract<InboundEvent, { kind: 'message' }>).message;
    const edit: InboundEvent = { kind: 'edit', ref: { platform: m.platform, channelId: m.channelId, messageId: m.messageId }, edit: { text: 'edited away', editedAt: '2025-03-01T09:05:00.000Z' }, dedupKey: `edit:${m.messageId}` };
    expect(await h.service.acceptMany([original, edit])).toEqual(['accepted', 'accepted']);
    await h.service.drained();
    expect(h.archive.all().map((r) => r.kind)).toEqual(['message', 'edit']);
    expect(h.archive.all()[0]!.message?.text).toContain('original');
  });

  it('writes a verdict notice together with its buttons\' handle', async () => {
    const h = harnessWithCountingStore();
    await h.service.onCommand({ caller: caller(VICTIM), name: 'protect', args: '' });
    await h.service.accept(message([VICTIM], THREAT));
    await h.service.drained();
    const noticeWrite = h.store.addManyCalls.find((keys) => keys.some((k) => k.includes('verdict-')));
    expect(noticeWrite).toHaveLength(2);
    expect(noticeWrite![0]).toMatch(/^act:/u);
    await h.service.processQueue();
    expect(h.client.directTo(VICTIM)).toHaveLength(1);
  });
});

function harnessWithCountingStore() {
  const store = new CountingStore();
  const base = harness();
  const h = harness({}, { store, archive: base.archive, state: base.state, clock: base.clock });
  return { ...h, store };
}
