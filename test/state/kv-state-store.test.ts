import { describe, expect, it } from 'vitest';
import { KvRecipientStateStore, MapDocumentStore, MAX_CONFIRMED_TEXTS } from '../../src/state/kv-state-store.js';

describe('recipient state store', () => {
  it('persists every change and bumps the version', async () => {
    const docs = new MapDocumentStore();
    const store = new KvRecipientStateStore(docs);
    const rule = await store.addRule('discord:1', { when: { kind: 'word', word: 'x' }, description: 'word x' });
    await store.confirmOffender('discord:1', 'discord:9', ['abuse']);
    await store.allow('discord:1', { senderKey: 'discord:8', textHash: 'h' });
    await store.addDictionaryEntry('discord:1', { phrase: 'pumpkin', category: 'pet-name' });
    const reopened = await new KvRecipientStateStore(docs).get('discord:1');
    expect(reopened.version).toBe(4);
    expect([...reopened.offenders]).toEqual(['discord:9']);
    expect(reopened.rules.map((r) => r.id)).toEqual([rule.id]);
    expect(reopened.confirmedTexts).toEqual(['abuse']);
    expect(reopened.allow[0]?.senderKey).toBe('discord:8');
    expect(reopened.dictionaryAdditions).toEqual([{ phrase: 'pumpkin', category: 'pet-name' }]);
    expect(await store.removeRule('discord:1', rule.id)).toBe(true);
    expect(await store.removeRule('discord:1', rule.id)).toBe(false);
    expect(await store.removeOffender('discord:1', 'discord:9')).toBe(true);
    expect((await store.get('discord:1')).offenders.size).toBe(0);
  });

  it('keeps recipients apart and loses no concurrent update', async () => {
    const store = new KvRecipientStateStore();
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.confirmOffender('telegram:1', `telegram:${i + 100}`, [`t${i}`])));
    const state = await store.get('telegram:1');
    expect(state.offenders.size).toBe(50);
    expect(state.version).toBe(50);
    expect((await store.get('telegram:2')).offenders.size).toBe(0);
  });

  it('bounds the writeprint history, keeping the newest texts', async () => {
    const store = new KvRecipientStateStore();
    await store.confirmOffender('telegram:1', 'telegram:2', Array.from({ length: MAX_CONFIRMED_TEXTS + 10 }, (_, i) => `m${i}`));
    const texts = (await store.get('telegram:1')).confirmedTexts;
    expect(texts).toHaveLength(MAX_CONFIRMED_TEXTS);
    expect(texts.at(-1)).toBe(`m${MAX_CONFIRMED_TEXTS + 9}`);
  });

  it('hands out frozen state that callers cannot change behind its back', async () => {
    const store = new KvRecipientStateStore();
    await store.confirmOffender('telegram:1', 'telegram:2', ['x']);
    const state = await store.get('telegram:1');
    expect(Object.isFrozen(state)).toBe(true);
  });
});

describe('recipient state shared with another process', () => {
  it('loses no change the other process made, and shows it once the remembered copy is older than the refresh time', async () => {
    const docs = new MapDocumentStore();
    let now = Date.UTC(2026, 0, 1);
    const clock = (): Date => new Date(now);
    const bot = new KvRecipientStateStore(docs, clock, 30_000);
    const scan = new KvRecipientStateStore(docs, clock, 30_000);
    expect((await bot.get('telegram:1')).offenders.size).toBe(0);
    await scan.confirmOffender('telegram:1', 'telegram:66', ['you again']);
    // Remembered copy still fresh: the bot has not looked again yet.
    expect((await bot.get('telegram:1')).offenders.has('telegram:66')).toBe(false);
    // A change by the bot is applied to the stored document, not to its stale copy.
    await bot.addRule('telegram:1', { when: { kind: 'word', word: 'anniversary' }, description: 'date word' });
    const merged = await bot.get('telegram:1');
    expect(merged.offenders.has('telegram:66')).toBe(true);
    expect(merged.rules).toHaveLength(1);
    expect(merged.version).toBe(2);
    await scan.confirmOffender('telegram:1', 'telegram:67', []);
    now += 30_001;
    expect((await bot.get('telegram:1')).offenders.has('telegram:67')).toBe(true);
  });

  it('keeps handing out the same state object while nothing changed', async () => {
    const docs = new MapDocumentStore();
    let now = 0;
    const store = new KvRecipientStateStore(docs, () => new Date(now), 1000);
    await store.addRule('discord:1', { when: { kind: 'word', word: 'x' }, description: 'x' });
    const first = await store.get('discord:1');
    now += 5000;
    expect(await store.get('discord:1')).toBe(first);
  });
});
