import { describe, expect, it } from 'vitest';
import { normaliseForMatching } from '../../src/personalisation/normalise.js';
import { padForMatching, ShingleMatcher } from '../../src/personalisation/shingles.js';

const matcher = new ShingleMatcher([
  { phrase: 'kill', value: 'kill' },
  { phrase: 'i know where you live', value: 'address' },
  { phrase: 'kys', value: 'kys' },
]);
const find = (text: string): string[] => matcher.match(padForMatching(text));

describe('folding disguised words', () => {
  it.each([
    ['k i l l', 'kil'],
    ['k1ll', 'kil'],
    ['kiiill', 'kil'],
    ['K.I.L.L', 'kil'],
    ['KILL!!!', 'kil'],
    ['k!ll', 'kil'],
  ])('%s folds like "kill"', (text, folded) => {
    expect(normaliseForMatching(text)).toBe(folded);
  });

  it('keeps short runs of one-letter words as words', () => {
    expect(normaliseForMatching('i am a cat')).toBe('i am a cat');
  });

  it('strips accents and apostrophes', () => {
    expect(normaliseForMatching("Café, don't")).toBe('cafe dont');
  });
});

describe('k-shingle matching', () => {
  it.each(['I will k i l l you', 'gonna k1ll u', 'kiiill', 'KILL!!!'])('finds "kill" in %j', (text) => {
    expect(find(text)).toContain('kill');
  });

  it('respects word boundaries', () => {
    expect(find('what a skill, killer move')).not.toContain('kill');
  });

  it('finds a phrase with a typo but not its words scattered', () => {
    expect(find('i know were you live now')).toContain('address');
    expect(find('you live where? i know')).not.toContain('address');
  });

  it('matches nothing in an empty, binary or huge text without failing', () => {
    expect(find('')).toEqual([]);
    expect(find('\u0000\u0001\uFFFD\uD800')).toEqual([]);
    expect(find('a'.repeat(200_000) + ' kys')).toEqual(['kys']);
  });
});

describe('the ASCII fast path', () => {
  it('folds every ASCII text exactly as the general Unicode path does', async () => {
    const fc = (await import('fast-check')).default;
    const { foldAscii, foldUnicode } = await import('../../src/personalisation/normalise.js');
    const asciiText = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 80 });
    fc.assert(fc.property(asciiText, (text) => foldAscii(text) === foldUnicode(text)), { numRuns: 2000 });
  });

  it('normalises every ASCII text exactly as the general path does, padded or not', async () => {
    const fc = (await import('fast-check')).default;
    const { normaliseForMatching, normaliseForMatchingPadded, normaliseGeneral } = await import('../../src/personalisation/normalise.js');
    // Letters, leet characters, apostrophes and separators, so runs, elongations and leet edges come up often.
    const unit = fc.oneof(fc.constantFrom('k', 'i', 'l', 'I', 'L', 'a', ' ', ' ', '.', "'", '1', '!', '|', '+', '0', '2', '@', '$'), fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)));
    const asciiText = fc.string({ unit, maxLength: 80 });
    fc.assert(
      fc.property(asciiText, (text) => {
        const general = normaliseGeneral(text);
        return normaliseForMatching(text) === general && normaliseForMatchingPadded(text) === ` ${general} `;
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the general answer for long texts and after a longer text grew its buffers', async () => {
    const { normaliseForMatching, normaliseGeneral } = await import('../../src/personalisation/normalise.js');
    const long = 'k i l l '.repeat(2000) + "don't!!! stoooop 4ll 0f u";
    expect(normaliseForMatching(long)).toBe(normaliseGeneral(long));
    const huge = 'k i l l x '.repeat(7000) + 'a b'; // past the size whose scratch buffers are kept
    expect(normaliseForMatching(huge)).toBe(normaliseGeneral(huge));
    expect(normaliseForMatching(` ${huge} `)).toBe(normaliseGeneral(huge));
    expect(normaliseForMatching('k i l l')).toBe('kil');
    expect(normaliseForMatching('Café k i l l')).toBe('cafe kil');
  });
});
