import { describe, expect, it } from 'vitest';
import type { Condition, PersonalRule } from '../../src/personalisation/rule-types.js';
import { CompiledRules, validateDateBound } from '../../src/personalisation/rules.js';
import { padForMatching } from '../../src/personalisation/shingles.js';

const rule = (id: string, when: Condition): PersonalRule => ({ id, when, description: id, createdAt: '2026-01-01T00:00:00Z' });
const check = (rules: PersonalRule[], text: string, sentAt: string, senderKey = 'telegram:1'): string[] =>
  new CompiledRules(rules).matching({ padded: padForMatching(text), sentAt: new Date(sentAt), senderKey }).map((r) => r.id);

describe('personal rules', () => {
  const birthday = rule('birthday', { kind: 'all', of: [{ kind: 'dateWindow', from: '03-01', to: '03-07' }, { kind: 'word', word: 'birthday' }] });

  it('fires an anniversary rule only inside its window, every year', () => {
    expect(check([birthday], 'happy b1rthday', '2027-03-04T10:00:00Z')).toEqual(['birthday']);
    expect(check([birthday], 'happy birthday', '2027-03-08T00:00:01Z')).toEqual([]);
    expect(check([birthday], 'see you on the 3rd', '2027-03-04T10:00:00Z')).toEqual([]);
  });

  it('handles windows that wrap the year end and absolute windows', () => {
    const holidays = rule('wrap', { kind: 'dateWindow', from: '12-24', to: '01-02' });
    const once = rule('once', { kind: 'dateWindow', from: '2026-05-01', to: '2026-05-03' });
    expect(check([holidays], 'hi', '2026-12-31T12:00:00Z')).toEqual(['wrap']);
    expect(check([holidays], 'hi', '2027-01-02T23:00:00Z')).toEqual(['wrap']);
    expect(check([holidays], 'hi', '2027-01-03T00:00:00Z')).toEqual([]);
    expect(check([once], 'hi', '2026-05-02T00:00:00Z')).toEqual(['once']);
    expect(check([once], 'hi', '2027-05-02T00:00:00Z')).toEqual([]);
  });

  it('combines with any, matches phrases in order and senders exactly', () => {
    const r = rule('any', { kind: 'any', of: [{ kind: 'phrase', phrase: 'see you soon' }, { kind: 'sender', senderKey: 'discord:42' }] });
    expect(check([r], 'SEE YOU SOOOON', '2026-01-01T00:00:00Z')).toEqual(['any']);
    expect(check([r], 'soon you see', '2026-01-01T00:00:00Z')).toEqual([]);
    expect(check([r], 'hello', '2026-01-01T00:00:00Z', 'discord:42')).toEqual(['any']);
    expect(check([r], 'hello', '2026-01-01T00:00:00Z', 'discord:421')).toEqual([]);
  });

  it('rejects dates that are not dates', () => {
    expect(() => validateDateBound('03-07')).not.toThrow();
    expect(() => validateDateBound('2026-03-07')).not.toThrow();
    for (const bad of ['13-01', '03-32', 'march', '3-7', '']) expect(() => validateDateBound(bad)).toThrow(/not a date/);
  });
});

describe('compiled rule conditions', () => {
  it('match date windows (recurring, wrapping, absolute) and nesting as written, and ignore an unknown kind', () => {
    const rule = (id: string, when: unknown): PersonalRule => ({ id, when: when as Condition, description: id, createdAt: '2026-01-01T00:00:00Z' });
    const rules = new CompiledRules([
      rule('march', { kind: 'dateWindow', from: '03-01', to: '03-07' }),
      rule('newyear', { kind: 'dateWindow', from: '12-24', to: '01-02' }),
      rule('absolute', { kind: 'dateWindow', from: '2026-03-01', to: '2026-03-02' }),
      rule('nested', { kind: 'all', of: [{ kind: 'any', of: [{ kind: 'word', word: 'cake' }, { kind: 'sender', senderKey: 's' }] }, { kind: 'dateWindow', from: '03-01', to: '03-07' }] }),
      rule('empty-all', { kind: 'all', of: [] }),
      rule('unknown', { kind: 'moonPhase', phase: 'full' }),
    ]);
    const ids = (text: string, senderKey: string, iso: string): string[] => rules.matching({ padded: padForMatching(text), senderKey, sentAt: new Date(iso) }).map((r) => r.id);
    expect(ids('hello', 't', '2026-03-02T10:00:00Z')).toEqual(['march', 'absolute']);
    expect(ids('c a k e', 't', '2027-03-05T10:00:00Z')).toEqual(['march', 'nested']);
    expect(ids('hi', 's', '2026-12-31T23:00:00Z')).toEqual(['newyear']);
    expect(ids('hi', 's', '2027-01-02T23:59:59Z')).toEqual(['newyear']);
    expect(ids('hi', 's', '2026-06-01T00:00:00Z')).toEqual([]);
  });
});
