import { describe, expect, it } from 'vitest';
import { ShingleIndex } from '../../src/personalisation/shingle-index.js';
import { padForMatching, ShingleMatcher } from '../../src/personalisation/shingles.js';

function postingsOf(index: ShingleIndex, hash: number): number[] {
  const slot = index.slotOf(hash);
  if (slot < 0) return [];
  const out: number[] = [];
  for (let p = index.start(slot); p < index.end(slot); p++) out.push(index.postings[p]!);
  return out;
}

describe('ShingleIndex', () => {
  it('lists, for each shingle, the entries that hold it in the order they were added', () => {
    const index = new ShingleIndex([[1, 2, 3], [2, 4], [3, 2]]);
    expect(postingsOf(index, 1)).toEqual([0]);
    expect(postingsOf(index, 2)).toEqual([0, 1, 2]);
    expect(postingsOf(index, 3)).toEqual([0, 2]);
    expect(postingsOf(index, 4)).toEqual([1]);
    expect(postingsOf(index, 5)).toEqual([]);
  });

  it('keeps every key apart when many of them collide in the table', () => {
    // 2000 keys in a table of 4096 slots: home slots collide and probe runs wrap around the end.
    const keys = Array.from({ length: 2000 }, (_, i) => (i * 65_536 + 7) & 0x3fffffff);
    const index = new ShingleIndex(keys.map((k) => [k]));
    keys.forEach((k, e) => expect(postingsOf(index, k)).toEqual([e]));
    expect(postingsOf(index, 3)).toEqual([]);
    expect(postingsOf(index, 0x3fffffff)).toEqual([]);
  });

  it('allocates no table for no entries and finds nothing', () => {
    const index = new ShingleIndex([]);
    expect(index.empty).toBe(true);
    expect(index.slotOf(0)).toBe(-1);
    expect(index.slotOf(123)).toBe(-1);
  });

  it('counts a slot once per text, and again in the next text', () => {
    const index = new ShingleIndex([[10, 20]]);
    const slot = index.slotOf(10);
    index.beginText();
    expect(index.firstVisit(slot)).toBe(true);
    expect(index.firstVisit(slot)).toBe(false);
    expect(index.firstVisit(index.slotOf(20))).toBe(true);
    index.beginText();
    expect(index.firstVisit(slot)).toBe(true);
  });
});

describe('ShingleMatcher on the flat index', () => {
  const matcher = new ShingleMatcher([
    { phrase: 'kill', value: 'kill' },
    { phrase: 'skill', value: 'skill' },
    { phrase: 'i know where you live', value: 'address' },
  ]);
  const find = (text: string): string[] => matcher.match(padForMatching(text));

  it.each(['k i l l', 'k1ll', 'kiiill', 'K.I.L.L', 'i will KILL!!! you'])('finds "kill" in %j', (text) => {
    expect(find(text)).toEqual(['kill']);
  });

  it('keeps entries that share shingles apart, and counts a repeated shingle once', () => {
    expect(find('what a skill')).toEqual(['skill']);
    expect(find('kill kill skill kill')).toEqual(['kill', 'skill']);
  });

  it('gives the same answers when the same matcher is used text after text', () => {
    const texts = ['i know where you live', 'nothing here', 'k i l l', 'i know were you live', 'skill'];
    const first = texts.map(find);
    for (let round = 0; round < 3; round++) expect(texts.map(find)).toEqual(first);
    expect(first).toEqual([['address'], [], ['kill'], ['address'], ['skill']]);
  });

  it('matches nothing with no entries', () => {
    expect(new ShingleMatcher<string>([]).match(padForMatching('kill'))).toEqual([]);
  });
});
