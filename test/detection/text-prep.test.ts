import { describe, expect, it } from 'vitest';
import { normalise, URL_TOKEN, USER_TOKEN } from '../../src/detection/normalise.js';
import { tokenise, WordTokenizer, personInView } from '../../src/detection/tokens.js';

describe('normalise', () => {
  it('replaces handles, OLID @USER runs and links with single placeholder words', () => {
    expect(normalise('@USER @USER @USER hi there').split(/\s+/).filter(Boolean)).toEqual([USER_TOKEN, 'hi', 'there']);
    expect(normalise('look http://t.co/abc and www.x.org/y and URL')).not.toMatch(/http|www|URL/);
    expect(normalise('look http://t.co/abc').split(/\s+/)).toContain(URL_TOKEN);
    expect(normalise('@some_one: hey').split(/\s+/).filter(Boolean)).toEqual([USER_TOKEN, ':', 'hey']);
  });

  it('drops a retweet marker with its handle, and decodes HTML entities', () => {
    expect(normalise('RT @bob: you &amp; me &lt;3').trim()).toBe('you & me <3');
    expect(normalise('a &#8220;quote&#8221;')).toContain('\u201cquote\u201d');
  });

  it('lower-cases, caps elongation at two and splits camel-case hashtags', () => {
    expect(normalise('SOOOOO Coooool!!!!!')).toBe('soo cool!!');
    const n = normalise('#LiberalsAreIdiots');
    expect(n).toContain('#liberalsareidiots');
    expect(n.split(/\s+/)).toEqual(expect.arrayContaining(['liberals', 'are', 'idiots']));
  });

  it('turns each emoji (with skin tone or variation selector) into one word', () => {
    const words = normalise('🖕🏽🖕 ❤️').split(/\s+/).filter(Boolean);
    expect(words).toEqual(['xxe1f595', 'xxe1f595', 'xxe2764']);
  });

  it('survives empty, binary-looking and malformed-Unicode input', () => {
    expect(normalise('')).toBe('');
    expect(() => normalise('\u0000\u0001\ud800 lone surrogate \udfff')).not.toThrow();
    expect(() => normalise('&#xD800; &#99999999; &#0;')).not.toThrow();
  });
});

describe('tokenise', () => {
  it('removes stop-words, keeps the pronouns that say who is targeted, and stems', () => {
    const t = tokenise('You are the most annoying people in the building');
    expect(t).toContain('you');
    expect(t).not.toContain('the');
    expect(t).not.toContain('are');
    expect(t).toContain('annoi'); // Porter: annoying → annoi
    expect(t).toContain('peopl');
  });

  it('expands chat shorthand for pronouns', () => {
    expect(tokenise('u r a clown')).toContain('you');
    expect(tokenise('ur face')).toContain('your');
  });

  it('says whether a person is in view: addressed, named by pronoun, or a person noun', () => {
    const tk = new WordTokenizer(new Map(), new Set(['idiot', 'liberal', 'neighbour']));
    const doc = (s: string) => ({ tokens: tk.tokens(normalise(s)) });
    expect(personInView(doc('shut up you'))).toBe(true);
    expect(personInView(doc('@someone stop'))).toBe(true);
    expect(personInView(doc('she is awful'))).toBe(true);
    expect(personInView(doc('what an idiot'))).toBe(true);
    expect(personInView(doc('liberals again'))).toBe(true);
    expect(personInView(doc('this damn bus is late again'))).toBe(false);
  });
});
