// The word stream of a message: natural's tokenizer, chat spellings expanded, stop-words removed,
// Porter-stemmed, each word hashed once and tagged with its lexicon level. Results are cached per
// distinct word (chat vocabulary is Zipfian), so a message costs a map lookup per word.
import { fnvString } from './hash.js';
import { STOP_WORDS, stem, tokenizer } from './natural-nlp.js';
import { normalise, USER_TOKEN } from './normalise.js';

export const WORD_SEED = 0x2f6b1a37;

// Chat shorthand for the pronouns and verbs that say who a message is aimed at.
const SHORTHAND = new Map<string, string>([
  ['u', 'you'],
  ['ur', 'your'],
  ['ya', 'you'],
  ['yall', 'you'],
  ["y'all", 'you'],
  ['youre', "you're"],
  ['r', 'are'],
  ['im', "i'm"],
]);

export interface WordToken {
  /** The word as written (lower case, shorthand expanded). */
  word: string;
  stem: string;
  /** Hash of the stem, the unigram feature. */
  hash: number;
  /** Lexicon level, 0 when the word is not in the lexicon. */
  lex: number;
  /** The word addresses someone directly: a second-person pronoun or a @mention. */
  address: boolean;
  /** The word refers to a person or group: a third-person pronoun or a person / group noun. */
  person: boolean;
  /** The unigram's contribution under one detector's weights, cached by that detector (fast-scorer.ts). */
  stats: WordStats | undefined;
}

/** A word's summed contributions: offensive and targeted weight × idf, and idf². */
export interface WordStats {
  o: number;
  t: number;
  n: number;
}

const THIRD_PERSON = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself', 'they', 'them', 'their', 'theirs', 'themselves', "he's", "she's", "they're"]);

/** Singular candidates of a plural noun ("liberals" → "liberal", "ladies" → "lady", "bosses" → "boss"). */
function singulars(w: string): string[] {
  if (w.length < 4 || !w.endsWith('s')) return [];
  if (w.endsWith('ies')) return [`${w.slice(0, -3)}y`];
  if (w.endsWith('es')) return [w.slice(0, -2), w.slice(0, -1)];
  return [w.slice(0, -1)];
}

const ADDRESS = new Set(['you', 'your', 'yours', 'yourself', 'yourselves', "you're", "you've", "you'll", "you'd", 'thou', 'thee', USER_TOKEN]);

/** A written (whitespace-separated) word of a normalised text, with its word tokens. */
export interface WordEntry {
  word: string;
  tokens: WordToken[];
  /** Its character n-grams' contribution under one detector's weights, cached by that detector. */
  chars: WordStats | undefined;
}

/** A text split into written words and word tokens. */
export interface Tokenised {
  words: WordEntry[];
  tokens: WordToken[];
}

const CACHE_LIMIT = 200_000;
const MAX_CACHED_WORD = 64;

export class WordTokenizer {
  private readonly tokenCache = new Map<string, WordToken | null>();
  // Keyed by a hash of the written word; an entry is used only after comparing its characters, so a
  // hash collision costs a recomputation, never a wrong answer.
  private readonly wordCache = new Map<number, WordEntry>();

  constructor(
    private readonly lexicon: ReadonlyMap<string, number>,
    private readonly personNouns: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * Word tokens of an already normalised text, stop-words removed. natural's tokenizer splits on any
   * character outside [a-zA-Z0-9'-/], whitespace included, so tokenising each written word gives the
   * tokens of the whole text; that lets a word's tokens be cached and most messages skip natural.
   */
  tokenise(normalised: string): Tokenised {
    const words: WordEntry[] = [];
    const tokens: WordToken[] = [];
    const s = normalised;
    const len = s.length;
    let start = 0;
    while (start < len) {
      while (start < len && s.charCodeAt(start) <= 32) start++;
      if (start >= len) break;
      let end = start;
      let h = WORD_SEED;
      for (; end < len; end++) {
        const c = s.charCodeAt(end);
        if (c <= 32) break;
        h = Math.imul(h ^ c, 0x01000193);
      }
      let entry = this.wordCache.get(h);
      if (entry === undefined || !sameWord(entry.word, s, start, end)) {
        entry = this.entry(s.slice(start, end));
        // Long "words" (pasted blobs, floods) are rare and would pin memory: not cached.
        if (end - start <= MAX_CACHED_WORD) {
          if (this.wordCache.size >= CACHE_LIMIT) this.wordCache.clear();
          this.wordCache.set(h, entry);
        }
      }
      words.push(entry);
      for (let i = 0; i < entry.tokens.length; i++) tokens.push(entry.tokens[i] as WordToken);
      start = end;
    }
    return { words, tokens };
  }

  /** Word tokens only. */
  tokens(normalised: string): WordToken[] {
    return this.tokenise(normalised).tokens;
  }

  private entry(word: string): WordEntry {
    const raw = tokenizer.tokenize(word);
    const tokens: WordToken[] = [];
    for (const w of raw) {
      let t = this.tokenCache.get(w);
      if (t === undefined) {
        t = this.lookup(w);
        if (w.length <= MAX_CACHED_WORD) {
          if (this.tokenCache.size >= CACHE_LIMIT) this.tokenCache.clear();
          this.tokenCache.set(w, t);
        }
      }
      if (t !== null) tokens.push(t);
    }
    return { word, tokens, chars: undefined };
  }

  private lookup(raw: string): WordToken | null {
    let w = raw.charCodeAt(0) === 39 || raw.charCodeAt(raw.length - 1) === 39 ? raw.replace(/^'+|'+$/g, '') : raw;
    w = SHORTHAND.get(w) ?? w;
    if (w.length === 0 || STOP_WORDS.has(w)) return null;
    const s = stem(w);
    const person = THIRD_PERSON.has(w) || this.personNouns.has(w) || singulars(w).some((x) => this.personNouns.has(x));
    return { word: w, stem: s, hash: fnvString(s, WORD_SEED), lex: this.lexicon.get(w) ?? 0, address: ADDRESS.has(w), person, stats: undefined };
  }
}

function sameWord(word: string, s: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== s.charCodeAt(start + i)) return false;
  return true;
}

/** Someone is addressed or referred to in the text. */
export function personInView(doc: { tokens: readonly WordToken[] }): boolean {
  for (const t of doc.tokens) if (t.address || t.person) return true;
  return false;
}

/** Normalise, tokenise, remove stop-words and stem (no lexicon): for tests and explanations. */
export function tokenise(text: string): string[] {
  return new WordTokenizer(new Map()).tokens(normalise(text)).map((t) => t.stem);
}
