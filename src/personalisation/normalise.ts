// Folds the ways people disguise a word ("k i l l", "k1ll", "kiiill", "K.I.L.L") into one form, so the
// dictionary and the recipient's rules match what was meant. Applied identically to entries and messages.
// It runs on every message, so it works on char codes and only pays for Unicode normalisation when the
// text is not plain ASCII.

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
  '8': 'b',
  '9': 'g',
};

// These stand for letters only inside a word ("k!ll"), not as punctuation after one ("kill!!!").
const LEET_INSIDE_ONLY = new Set(['!', '|', '+']);

const LETTER = /\p{L}/u;
const COMBINING_MARK = /\p{M}/u;

function isLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER.test(ch);
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** For each ASCII code: the folded letter, or 0 for a separator. Leet characters are handled apart. */
const ASCII_FOLD = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_FOLD[c] = c + 32;
for (let c = 97; c <= 122; c++) ASCII_FOLD[c] = c;

/** LEET and LEET_INSIDE_ONLY by ASCII code (0 = not a leet character). */
const ASCII_LEET = new Uint8Array(128);
const ASCII_LEET_INSIDE_ONLY = new Uint8Array(128);
for (const [ch, letter] of Object.entries(LEET)) ASCII_LEET[ch.charCodeAt(0)] = letter.charCodeAt(0);
for (const ch of LEET_INSIDE_ONLY) ASCII_LEET_INSIDE_ONLY[ch.charCodeAt(0)] = 1;

const isAsciiLetterOrDigit = (code: number): boolean => ASCII_FOLD[code] !== 0 || (code >= 48 && code <= 57);

/** The ASCII fast path of foldCharacters: char codes and a table, no regular expressions. */
export function foldAscii(text: string): string {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const letter = ASCII_FOLD[code]!;
    if (letter !== 0) {
      out.push(letter);
      continue;
    }
    if (code === 39) continue; // "don't" → "dont"
    const ch = text[i]!;
    const mapped = LEET[ch];
    if (mapped && (!LEET_INSIDE_ONLY.has(ch) || (i + 1 < text.length && isAsciiLetterOrDigit(text.charCodeAt(i + 1))))) out.push(mapped.charCodeAt(0));
    else out.push(32);
  }
  let folded = '';
  for (let i = 0; i < out.length; i += 4096) folded += String.fromCharCode(...out.slice(i, i + 4096));
  return folded;
}

/** Lower-cases, strips accents, maps leetspeak; everything else becomes a space. */
function foldCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? foldAscii(text) : foldUnicode(text);
}

/** The general path; for ASCII text it gives what foldAscii gives (a property test checks). */
export function foldUnicode(text: string): string {
  const chars = [...text.normalize('NFKD').toLowerCase()].filter((ch) => !COMBINING_MARK.test(ch)).join('');
  let out = '';
  let i = 0;
  for (const ch of chars) {
    const next = chars[i + ch.length];
    i += ch.length;
    if (isLetter(ch)) {
      out += ch;
      continue;
    }
    if (ch === "'" || ch === '\u2019') continue; // "don't" → "dont"
    const mapped = LEET[ch];
    if (mapped && (!LEET_INSIDE_ONLY.has(ch) || isLetter(next) || isDigit(next))) out += mapped;
    else out += ' ';
  }
  return out;
}

/**
 * Splits into words, joins runs of three or more one-letter words ("k i l l" → "kill"; shorter runs are
 * real words like "i" and "a"), and collapses repeated letters ("kiiill" → "kil"). Entries go through the
 * same fold, so "kill" matches.
 */
export function normaliseForMatching(text: string): string {
  return normaliseAscii(text, false) ?? normaliseGeneral(text);
}

/** The normalised text with a space at each end (what the shingle matcher reads). */
export function normaliseForMatchingPadded(text: string): string {
  return normaliseAscii(text, true) ?? ` ${normaliseGeneral(text)} `;
}

/** The general path: any text, through foldCharacters. For ASCII text it equals normaliseAscii (a property test checks). */
export function normaliseGeneral(text: string): string {
  const words: string[] = [];
  let run = '';
  let runLength = 0;
  for (const token of foldCharacters(text).split(' ')) {
    if (token.length === 0) continue;
    const single = token.length === 1 || (token.length === 2 && token.codePointAt(0)! > 0xffff);
    if (single) {
      run += token;
      runLength++;
      continue;
    }
    flushRun(words, run, runLength);
    run = '';
    runLength = 0;
    words.push(token);
  }
  flushRun(words, run, runLength);
  for (let w = 0; w < words.length; w++) words[w] = collapseRepeats(words[w]!);
  return words.join(' ');
}

function flushRun(words: string[], run: string, runLength: number): void {
  if (runLength >= 3) words.push(run);
  else for (const ch of run) words.push(ch);
}

function collapseRepeats(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    if (ch !== last) out += ch;
    last = ch;
  }
  return out;
}

// Scratch buffers of the ASCII path: the folded characters, the current run of one-letter words, and the
// output. Kept and grown up to texts of RETAINED_CHARS; a longer text (a pasted blob, a mailbox body) gets
// buffers of its own for that call, so one huge text does not pin memory for the life of the process.
const RETAINED_CHARS = 1 << 16;
let foldedCodes = new Uint8Array(256);
let runCodes = new Uint8Array(256);
let retainedOut = Buffer.alloc(512);
/** The output buffer of the current call (retainedOut, or a huge text's own). */
let outCodes = retainedOut;
let outLength = 0;

/**
 * normaliseGeneral for pure ASCII text in one pass over char codes, writing bytes instead of building
 * word strings; undefined as soon as a non-ASCII character shows up (the general path handles it).
 */
function normaliseAscii(text: string, pad: boolean): string | undefined {
  const n = text.length;
  let folded = foldedCodes;
  let run = runCodes;
  let out = retainedOut;
  if (n > RETAINED_CHARS) {
    folded = new Uint8Array(n);
    run = new Uint8Array(n);
    out = Buffer.alloc(n + 2); // words keep at most the separators they had, plus the padding
  } else if (foldedCodes.length < n) {
    foldedCodes = folded = new Uint8Array(n * 2);
    runCodes = run = new Uint8Array(n * 2);
    retainedOut = out = Buffer.alloc(n * 2 + 2);
  }
  let m = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return undefined;
    const letter = ASCII_FOLD[code]!;
    if (letter !== 0) folded[m++] = letter;
    else if (code !== 39) folded[m++] = foldAsciiSymbol(text, i, code); // an apostrophe is dropped: "don't" → "dont"
  }
  outCodes = out;
  outLength = 0;
  if (pad) outCodes[outLength++] = 32;
  let runLength = 0;
  let i = 0;
  while (i < m) {
    if (folded[i] === 32) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < m && folded[end] !== 32) end++;
    if (end - i === 1) {
      run[runLength++] = folded[i]!;
    } else {
      runLength = flushAsciiRun(run, runLength, pad);
      emitAsciiWord(folded, i, end, pad);
    }
    i = end;
  }
  flushAsciiRun(run, runLength, pad);
  if (pad) outCodes[outLength++] = 32;
  const normalised = outCodes.toString('latin1', 0, outLength);
  outCodes = retainedOut;
  return normalised;
}

/** The fold of an ASCII character that is not a letter: a leet letter, or a space. */
function foldAsciiSymbol(text: string, i: number, code: number): number {
  const mapped = ASCII_LEET[code]!;
  if (mapped === 0) return 32;
  if (ASCII_LEET_INSIDE_ONLY[code] === 1 && !(i + 1 < text.length && isAsciiLetterOrDigit(text.charCodeAt(i + 1)))) return 32;
  return mapped;
}

/** Writes a pending run of one-letter words (joined when three or more) and returns the new run length, 0. */
function flushAsciiRun(run: Uint8Array, runLength: number, pad: boolean): number {
  if (runLength >= 3) emitAsciiWord(run, 0, runLength, pad);
  else for (let r = 0; r < runLength; r++) emitAsciiWord(run, r, r + 1, pad);
  return 0;
}

/** Appends one word, repeated letters collapsed, after a space unless it is the first word. */
function emitAsciiWord(codes: Uint8Array, from: number, to: number, pad: boolean): void {
  const out = outCodes;
  let o = outLength;
  if (o > (pad ? 1 : 0)) out[o++] = 32;
  let last = -1;
  for (let k = from; k < to; k++) {
    const c = codes[k]!;
    if (c !== last) out[o++] = c;
    last = c;
  }
  outLength = o;
}
