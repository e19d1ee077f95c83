import { describe, expect, it } from 'vitest';
import { describeStyle, RawFeaturizer } from '../../src/identification/raw-features.js';
import { prepareText, stripAddressee } from '../../src/identification/text-prep.js';

describe('style features', () => {
  it('sees casing habits', () => {
    const shouty = describeStyle('WHY would YOU do THAT');
    const quiet = describeStyle('why would you do that');
    expect(shouty.upper_ratio).toBeGreaterThan(0.5);
    expect(shouty.caps_words).toBeGreaterThan(0);
    expect(quiet.upper_ratio).toBe(0);
    expect(quiet.all_lower).toBe(1);
    expect(describeStyle('Hello there').starts_upper).toBe(1);
    expect(describeStyle('i think i know').i_lower).toBeGreaterThan(0);
    expect(describeStyle('I think I know').i_upper).toBeGreaterThan(0);
  });

  it('sees punctuation habits', () => {
    expect(describeStyle('really??').multi_punct).toBe(1);
    expect(describeStyle('ok then.').end_period).toBe(1);
    expect(describeStyle('are you there?').end_question).toBe(1);
    expect(describeStyle('well...').ellipsis).toBe(1);
    expect(describeStyle('what ?').space_before_punct).toBe(1);
    expect(describeStyle('see you').end_bare).toBe(1);
    expect(describeStyle('yes,no').comma_no_space).toBe(1);
  });

  it('counts elongation, emoji and emoticons', () => {
    expect(describeStyle('sooooo cool').elongation).toBe(1);
    expect(describeStyle('so cool').elongation).toBe(0);
    expect(describeStyle('nice 😀 😀').emoji).toBe(2);
    expect(describeStyle('nice').emoji).toBe(0);
    expect(describeStyle('fine :) see you ;P').emoticon).toBe(2);
    expect(describeStyle('fine :)').end_emoticon).toBe(1);
    // A URL's colon and slashes are not an emoticon, and the URL is counted once.
    const url = describeStyle('see http://example.org/x :/');
    expect(url.emoticon).toBe(1);
    expect(url.url).toBe(1);
  });

  it('counts abbreviations and apostrophes as rates per word', () => {
    expect(describeStyle('u r gonna see lol').abbreviations).toBeGreaterThan(0.5);
    expect(describeStyle("don't worry it's fine").apostrophes).toBeCloseTo(0.5);
  });
});

describe('addressee stripping', () => {
  it('removes a leading nick but keeps ordinary opening words', () => {
    expect(stripAddressee('kim_7: try the blue one')).toBe('try the blue one');
    expect(stripAddressee('zorb|, right, I see')).toBe('right, I see');
    expect(stripAddressee('well, that depends')).toBe('well, that depends');
    expect(stripAddressee('yes, it works')).toBe('yes, it works');
    expect(stripAddressee('no addressee here')).toBe('no addressee here');
  });

  it('strips each line of a multi-line text and masks links', () => {
    expect(prepareText('bob: hi\nalice: there', { stripAddressee: true })).toBe('hi\nthere');
    expect(prepareText('bob: hi', { stripAddressee: false })).toBe('bob: hi');
    expect(prepareText('look https://x.org/a?b=c now', { stripAddressee: true })).toBe('look \u0002 now');
  });

  it('makes the addressee invisible to the features', () => {
    const f = new RawFeaturizer({ buckets: 256, maxN: 3, stripAddressee: true });
    const a = f.extract('alice: you never answer me');
    const first = { idx: Array.from(a.indices.subarray(0, a.nnz)), val: Array.from(a.values.subarray(0, a.nnz)) };
    const b = f.extract('zed_99: you never answer me');
    expect(Array.from(b.indices.subarray(0, b.nnz))).toEqual(first.idx);
    expect(Array.from(b.values.subarray(0, b.nnz))).toEqual(first.val);
  });
});

describe('raw featurizer on bad input', () => {
  const f = new RawFeaturizer({ buckets: 256, maxN: 3, stripAddressee: true });
  const inputs: Record<string, string> = {
    empty: '',
    spaces: '   \n\t ',
    huge: 'spam and more spam '.repeat(60_000),
    binary: String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)),
    'lone surrogates': 'abc \ud800 def \udfff ghi \ud83d',
    'non-BMP': '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🤬🤬',
  };
  for (const [name, text] of Object.entries(inputs)) {
    it(`handles ${name} input with finite values`, () => {
      const v = f.extract(text);
      expect(v.nnz).toBeGreaterThan(0);
      for (let i = 0; i < v.nnz; i++) expect(Number.isFinite(v.values[i])).toBe(true);
      for (let i = 0; i < v.nnz; i++) expect(v.indices[i]).toBeLessThan(f.dim);
    });
  }

  it('reads at most a bounded prefix of a huge message', () => {
    expect(f.extract('x'.repeat(1_000_000)).length).toBeLessThanOrEqual(4096);
  });

  it('is deterministic and leaves no state between calls', () => {
    const snap = (t: string): number[] => {
      const v = f.extract(t);
      return Array.from(v.values.subarray(0, v.nnz));
    };
    const before = snap('hello there :)');
    snap('something completely different!!!');
    expect(snap('hello there :)')).toEqual(before);
  });
});
