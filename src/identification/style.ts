// Punctuation, casing and layout habits of one message: the dense part of a writeprint. Every value is a
// rate or a small bounded number, so messages of any length are comparable.
import { ABBREVIATIONS } from './vocabulary.js';

export const STYLE_NAMES = [
  'chars_log', 'words_log', 'word_len', 'upper_ratio', 'starts_upper', 'all_lower', 'i_lower', 'i_upper',
  'end_period', 'end_question', 'end_exclaim', 'end_bare', 'end_emoticon', 'end_ellipsis', 'multi_punct',
  'ellipsis', 'elongation', 'emoji', 'emoticon', 'space_before_punct', 'double_space', 'digit_ratio',
  'comma_no_space', 'url', 'caps_words', 'apostrophes', 'abbreviations', 'non_ascii_letters', 'punct_ratio',
  'lower_after_period',
] as const;

export type StyleName = (typeof STYLE_NAMES)[number];
export const STYLE_DIM = STYLE_NAMES.length;
const S = Object.fromEntries(STYLE_NAMES.map((n, i) => [n, i])) as Record<StyleName, number>;

const EMOTICON = /(?:^|(?<=\s))(?:[:;=8][-'^]?[)(\][DPpOoSs/|\\3*]|[xX]D|<3|\^_?\^|[oO]_[oO]|-_-|T_T)(?=\s|$|[.,!?])/g;
const ABBREV = new Set(ABBREVIATIONS);

/** Code points drawn as emoji (the main Extended_Pictographic blocks). */
export function isEmoji(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff) || (cp >= 0x2300 && cp <= 0x23ff);
}

export function countEmoticons(text: string): number {
  EMOTICON.lastIndex = 0;
  let n = 0;
  while (EMOTICON.exec(text) !== null) n++;
  return n;
}

/** Writes the style features of `text` (already prepared) into out[offset …]; `words` are its lower-cased words. */
export function styleInto(text: string, words: readonly string[], out: Float32Array, offset: number): void {
  let letters = 0, upper = 0, digits = 0, punct = 0, nonAscii = 0, emoji = 0, elongation = 0, multiPunct = 0;
  let ellipsis = 0, spaceBefore = 0, doubleSpace = 0, commaNoSpace = 0, urls = 0, capsWords = 0, lowerAfterPeriod = 0;
  let run = 1, iLower = 0, iUpper = 0, wordUpper = 0, wordLen = 0, prev = -1, prev2 = -1;
  // -1 until the first ASCII letter, then 1 if it was upper case.
  let firstUpper = -1;
  // Every emoticon the pattern knows holds one of : ; = 8 D < ^ _; without them the regex is skipped.
  let maybeEmoticon = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
    }
    const isUpper = c >= 65 && c <= 90;
    const isLower = c >= 97 && c <= 122;
    if (isUpper || isLower) {
      if (firstUpper < 0) firstUpper = isUpper ? 1 : 0;
      if ((c === 105 || c === 73) && (prev === -1 || prev === 32 || prev === 10)) {
        const after = i + 1 >= n ? 32 : text.charCodeAt(i + 1);
        if (after === 32 || after === 39 || after === 10 || after === 44 || after === 46) {
          if (c === 105) iLower++;
          else iUpper++;
        }
      }
      letters++;
      wordLen++;
      if (isUpper) { upper++; wordUpper++; }
      if (isLower && prev === 32 && prev2 === 46) lowerAfterPeriod++;
    } else {
      if (wordLen >= 2 && wordUpper === wordLen) capsWords++;
      wordLen = 0;
      wordUpper = 0;
      if (c >= 48 && c <= 57) digits++;
      else if (c === 2) urls++;
      else if (c > 127) {
        if (isEmoji(c)) emoji++;
        else if (c !== 0x2026) nonAscii++;
      } else if (c !== 32 && c !== 10 && c !== 9) punct++;
      if ((c === 33 || c === 63) && (prev === 33 || prev === 63) && prev2 !== 33 && prev2 !== 63) multiPunct++;
      if (c === 0x2026 || (c === 46 && prev === 46 && prev2 === 46)) ellipsis++;
      if ((c === 63 || c === 33 || c === 44 || c === 46) && prev === 32) spaceBefore++;
      if (c === 32 && prev === 32) doubleSpace++;
    }
    if (prev === 44 && c !== 32 && !(c >= 48 && c <= 57) && c !== 10) commaNoSpace++;
    if (c === 58 || c === 59 || c === 61 || c === 56 || c === 68 || c === 60 || c === 94 || c === 95) maybeEmoticon = true;
    if (c === prev && (isLower || isUpper)) {
      run++;
      if (run === 3) elongation++;
    } else run = 1;
    if (c > 0xffff) i++;
    prev2 = prev;
    prev = c;
  }
  if (wordLen >= 2 && wordUpper === wordLen) capsWords++;
  const wordCount = words.length;
  let apostrophes = 0, abbreviations = 0, totalWordLen = 0;
  for (const w of words) {
    totalWordLen += w.length;
    if (w.includes("'")) apostrophes++;
    if (ABBREV.has(w)) abbreviations++;
  }
  const trimmed = text.trimEnd();
  const last = trimmed.charCodeAt(trimmed.length - 1);
  const emoticons = maybeEmoticon ? countEmoticons(text) : 0;
  const endsEmoticon = emoticons > 0 && countEmoticons(trimmed.slice(-4)) > 0;
  const chars = Math.max(1, n);
  const wc = Math.max(1, wordCount);
  const o = out;
  o[offset + S.chars_log] = Math.log1p(n) / 5;
  o[offset + S.words_log] = Math.log1p(wordCount) / 3;
  o[offset + S.word_len] = wordCount ? Math.min(totalWordLen / wordCount, 20) / 10 : 0;
  o[offset + S.upper_ratio] = letters ? upper / letters : 0;
  o[offset + S.starts_upper] = firstUpper === 1 ? 1 : 0;
  o[offset + S.all_lower] = letters > 0 && upper === 0 ? 1 : 0;
  o[offset + S.i_lower] = iLower / wc;
  o[offset + S.i_upper] = iUpper / wc;
  o[offset + S.end_period] = last === 46 && !trimmed.endsWith('..') ? 1 : 0;
  o[offset + S.end_question] = last === 63 ? 1 : 0;
  o[offset + S.end_exclaim] = last === 33 ? 1 : 0;
  o[offset + S.end_bare] = (last >= 48 && last <= 57) || (last >= 65 && last <= 90) || (last >= 97 && last <= 122) ? 1 : 0;
  o[offset + S.end_emoticon] = endsEmoticon ? 1 : 0;
  o[offset + S.end_ellipsis] = trimmed.endsWith('..') || last === 0x2026 ? 1 : 0;
  o[offset + S.multi_punct] = Math.min(multiPunct, 3);
  o[offset + S.ellipsis] = Math.min(ellipsis, 3);
  o[offset + S.elongation] = Math.min(elongation, 3);
  o[offset + S.emoji] = Math.min(emoji, 5);
  o[offset + S.emoticon] = Math.min(emoticons, 3);
  o[offset + S.space_before_punct] = Math.min(spaceBefore, 3);
  o[offset + S.double_space] = Math.min(doubleSpace, 3);
  o[offset + S.digit_ratio] = digits / chars;
  o[offset + S.comma_no_space] = Math.min(commaNoSpace, 3);
  o[offset + S.url] = Math.min(urls, 2);
  o[offset + S.caps_words] = capsWords / wc;
  o[offset + S.apostrophes] = apostrophes / wc;
  o[offset + S.abbreviations] = abbreviations / wc;
  o[offset + S.non_ascii_letters] = nonAscii / chars;
  o[offset + S.punct_ratio] = punct / chars;
  o[offset + S.lower_after_period] = Math.min(lowerAfterPeriod, 3);
}
