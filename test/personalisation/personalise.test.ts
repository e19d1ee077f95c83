import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/personalisation/dictionary.js';
import { allowTextHash, dictionaryMatcher, personalise, type PersonalisationProfile } from '../../src/personalisation/personalise.js';
import type { AllowEntry } from '../../src/personalisation/rule-types.js';
import { CompiledRules } from '../../src/personalisation/rules.js';
import { padForMatching } from '../../src/personalisation/shingles.js';

const shipped = dictionaryMatcher(loadDictionary());
const profile = (allow: AllowEntry[] = []): PersonalisationProfile => ({ rules: new CompiledRules([]), additions: dictionaryMatcher([]), allow });
const run = (text: string, p = profile(), senderKey = 'slack:T1:U9') =>
  personalise(shipped, p, { text, padded: padForMatching(text), senderKey, sentAt: new Date('2026-06-01T00:00:00Z') });

describe('λ with the shipped dictionary', () => {
  it.each(['i know where u live', 'I KNOW WHERE YOU LIIIVE', 'k y s', 'i will k1ll you'])('matches %j', (text) => {
    const result = run(text);
    expect(result.value).toBe(1);
    expect(result.matches[0]?.source).toBe('dictionary');
  });

  it.each(['see you at lunch tomorrow', 'that skill is killer', 'the bus is late again'])('leaves %j alone', (text) => {
    expect(run(text)).toEqual({ value: 0, matches: [], allowed: false });
  });

  it('honours "not harassment" for the same sender and text, and only for them', () => {
    const text = 'I know where you live, see you at the party';
    const p = profile([{ senderKey: 'slack:T1:U9', textHash: allowTextHash(text), createdAt: '' }]);
    expect(run('i know where you LIVE,  see you at the party', p).allowed).toBe(true);
    expect(run(text, p, 'slack:T1:U8').allowed).toBe(false);
  });

  it('drops dictionary entries the recipient allowed from that sender', () => {
    const first = run('watching you');
    const ids = first.matches.map((m) => m.id);
    const p = profile([{ senderKey: 'slack:T1:U9', dictionaryIds: ids, createdAt: '' }]);
    expect(run('watching you', p).value).toBe(0);
  });

  it('uses the recipient\'s own additions', () => {
    const p = { ...profile(), additions: dictionaryMatcher([{ id: 'own-1', phrase: 'pumpkin', category: 'pet-name', severity: 'high' }]) };
    expect(run('hi pumpk1n', p).matches.map((m) => m.id)).toEqual(['own-1']);
  });
});
