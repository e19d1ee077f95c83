import { describe, expect, it } from 'vitest';
import { describe as describeRule, parseRule, RuleSyntaxError } from '../../src/bot/commands/rule-parser.js';

const tg = { platform: 'telegram' as const };

describe('rule parser', () => {
  it('reads single conditions', () => {
    expect(parseRule('word birthday', tg).when).toEqual({ kind: 'word', word: 'birthday' });
    expect(parseRule('phrase "see you  soon"', tg).when).toEqual({ kind: 'phrase', phrase: 'see you soon' });
    expect(parseRule('phrase “see you soon”', tg).when).toEqual({ kind: 'phrase', phrase: 'see you soon' });
    expect(parseRule('window 03-01..03-07', tg).when).toEqual({ kind: 'dateWindow', from: '03-01', to: '03-07' });
    expect(parseRule('window 12-24..01-02', tg).when).toEqual({ kind: 'dateWindow', from: '12-24', to: '01-02' });
    expect(parseRule('window 2025-02-27..2025-03-02', tg).when).toEqual({ kind: 'dateWindow', from: '2025-02-27', to: '2025-03-02' });
    expect(parseRule('sender 12345', tg).when).toEqual({ kind: 'sender', senderKey: 'telegram:12345' });
    expect(parseRule('sender discord:999', tg).when).toEqual({ kind: 'sender', senderKey: 'discord:999' });
    expect(parseRule('sender U42', { platform: 'slack', workspaceId: 'T1' }).when).toEqual({ kind: 'sender', senderKey: 'slack:T1:U42' });
  });

  it('binds and tighter than or, and honours parentheses', () => {
    expect(parseRule('window 03-01..03-07 and word birthday', tg).when).toEqual({
      kind: 'all',
      of: [{ kind: 'dateWindow', from: '03-01', to: '03-07' }, { kind: 'word', word: 'birthday' }],
    });
    expect(parseRule('word a1 or word b2 and word c3', tg).when).toEqual({
      kind: 'any',
      of: [{ kind: 'word', word: 'a1' }, { kind: 'all', of: [{ kind: 'word', word: 'b2' }, { kind: 'word', word: 'c3' }] }],
    });
    expect(parseRule('(word a1 or word b2) and word c3', tg).when).toEqual({
      kind: 'all',
      of: [{ kind: 'any', of: [{ kind: 'word', word: 'a1' }, { kind: 'word', word: 'b2' }] }, { kind: 'word', word: 'c3' }],
    });
  });

  it('describes a rule so that it parses back to the same condition', () => {
    for (const text of ['(word a1 or phrase "x y") and window 03-01..03-07', 'sender telegram:5 or word "and"', 'word birthday']) {
      const parsed = parseRule(text, tg);
      expect(parseRule(parsed.description, tg).when).toEqual(parsed.when);
      expect(describeRule(parsed.when)).toBe(parsed.description);
    }
  });

  it.each([
    ['', /empty/],
    ['birthday', /Expected word, phrase, window or sender/],
    ['word', /Expected a word/],
    ['word happy birthday', /join conditions with "and" or "or"/],
    ['phrase "see you', /not closed/],
    ['window 13-01..13-02', /not a valid date/],
    ['window 02-30..03-01', /not a valid date/],
    ['window 2025-02-29..2025-03-01', /not a valid date/],
    ['window 03-01..2025-03-07', /(same form|not a date window)/],
    ['window 2025-03-07..2025-03-01', /starts .* after it ends/],
    ['window march', /not a date window/],
    ['word a1 and', /ends too early/],
    ['(word a1', /not closed/],
    ['sender <script>', /not a user id/],
    ['word !!!', /no letters or digits/],
    ['((((((word a1))))))', /nested/],
    [`word ${'x'.repeat(600)}`, /too long/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseRule(text, tg)).toThrow(RuleSyntaxError);
    expect(() => parseRule(text, tg)).toThrow(message);
  });
});
