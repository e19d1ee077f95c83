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
  /**
   * Number of this token in its tokenizer's cache (for per-token caches held elsewhere, fast-scorer.ts),
   * valid for the tokenizer's current `generation`; -1 when the token is not cached.
   */
  id: number;
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
  /** Number of this word in its tokenizer's cache, like WordToken.id; -1 when not cached. */
  id: number;
}

/** A text split into written words and word tokens. */
export interface Tokenised {
  words: WordEntry[];
  tokens: WordToken[];
  /** The tokenizer's cache generation the ids belong to. */
  generation: number;
}

const CACHE_LIMIT = 200_000;
const MAX_CACHED_WORD = 64;
const DOORKEEPER_BITS = 1 << 20;

export class WordTokenizer {
  private readonly tokenCache = new Map<string, WordToken | null>();
  // Keyed by a hash of the written word; an entry is used only after comparing its characters, so a
  // hash collision costs a recomputation, never a wrong answer.
  private readonly wordCache = new Map<number, WordEntry>();
  private nextTokenId = 0;
  private nextWordId = 0;
  /**
   * Doorkeeper: one bit per word hash seen once. A written word is cached from its second sighting on:
   * most distinct words of a chat stream are seen once (names, typos, links), and caching them would only
   * hold memory.
   */
  private readonly seenOnce = new Uint8Array(DOORKEEPER_BITS >>> 3);
  private seenCount = 0;
  /** Bumped whenever the caches are emptied, so ids are handed out afresh and outside caches reset. */
  generation = 0;

  constructor(
    private readonly lexicon: ReadonlyMap<string, number>,
    private readonly personNouns: ReadonlySet<string> = new Set(),
    /** Distinct words (and tokens) cached before both caches are emptied. */
    private readonly cacheLimit = CACHE_LIMIT,
  ) {}

  /**
   * Word tokens of an already normalised text, stop-words removed. natural's tokenizer splits on any
   * character outside [a-zA-Z0-9'-/], whitespace included, so tokenising each written word gives the
   * tokens of the whole text; that lets a word's tokens be cached and most messages skip natural.
   */
  tokenise(normalised: string): Tokenised {
    return this.tokeniseInto(normalised, { words: [], tokens: [], generation: 0 });
  }

  /** `tokenise` into the given arrays (emptied first), so a caller on the hot path can reuse them. */
  tokeniseInto<T extends Tokenised>(normalised: string, into: T): T {
    // Only between messages: every id in one message's result then belongs to the same generation.
    this.makeRoom();
    const words = into.words;
    const tokens = into.tokens;
    words.length = 0;
    tokens.length = 0;
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
        entry = this.entry(s.slice(start, end), this.seenBefore(h));
        if (entry.id >= 0) this.wordCache.set(h, entry);
      }
      words.push(entry);
      for (let i = 0; i < entry.tokens.length; i++) tokens.push(entry.tokens[i] as WordToken);
      start = end;
    }
    into.generation = this.generation;
    return into;
  }

  /** Word tokens only. */
  tokens(normalised: string): WordToken[] {
    return this.tokenise(normalised).tokens;
  }

  /** True when the word hash was seen before (since the doorkeeper was last emptied); marks it seen. */
  private seenBefore(h: number): boolean {
    const bit = (Math.imul(h, 0x9e3779b1) >>> 0) % DOORKEEPER_BITS;
    const mask = 1 << (bit & 7);
    const byte = bit >>> 3;
    if ((this.seenOnce[byte]! & mask) !== 0) return true;
    this.seenOnce[byte]! |= mask;
    // Half full, it would admit too many words seen once: start afresh.
    if (++this.seenCount > DOORKEEPER_BITS / 2) {
      this.seenOnce.fill(0);
      this.seenCount = 0;
    }
    return false;
  }

  /** Both caches are emptied together, so that no cached word holds a token numbered in an older generation. */
  private makeRoom(): void {
    const limit = this.cacheLimit;
    if (this.wordCache.size < limit && this.tokenCache.size < limit && this.nextWordId < limit && this.nextTokenId < limit) return;
    this.wordCache.clear();
    this.tokenCache.clear();
    this.nextTokenId = 0;
    this.nextWordId = 0;
    this.generation++;
  }

  private entry(written: string, seenBefore: boolean): WordEntry {
    // Long "words" (pasted blobs, floods) are rare and would pin memory: not cached.
    const cached = seenBefore && written.length <= MAX_CACHED_WORD;
    // A cached word is copied out of the message it came from, which it would otherwise keep alive.
    const word = cached ? detach(written) : written;
    const raw = tokenizer.tokenize(word);
    const tokens: WordToken[] = [];
    for (const w of raw) {
      let t = this.tokenCache.get(w);
      if (t === undefined) {
        const tokenCached = w.length <= MAX_CACHED_WORD;
        t = this.lookup(w, tokenCached ? this.nextTokenId : -1);
        if (tokenCached) {
          if (t !== null) this.nextTokenId++;
          this.tokenCache.set(w, t);
        }
      }
      if (t !== null) tokens.push(t);
    }
    // Exact length: a cached entry's array lives as long as the cache does.
    return { word, tokens: tokens.slice(), id: cached ? this.nextWordId++ : -1 };
  }

  private lookup(raw: string, id: number): WordToken | null {
    let w = raw.charCodeAt(0) === 39 || raw.charCodeAt(raw.length - 1) === 39 ? raw.replace(/^'+|'+$/g, '') : raw;
    w = SHORTHAND.get(w) ?? w;
    if (w.length === 0 || STOP_WORDS.has(w)) return null;
    const s = stem(w);
    const person = THIRD_PERSON.has(w) || this.personNouns.has(w) || singulars(w).some((x) => this.personNouns.has(x));
    return { word: w, stem: s, hash: fnvString(s, WORD_SEED), lex: this.lexicon.get(w) ?? 0, address: ADDRESS.has(w), person, id };
  }
}

/** A flat copy of a string, not a slice that keeps its parent alive. */
function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
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
