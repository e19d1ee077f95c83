// natural's tokenizer, Porter stemmer and English stop-word list, loaded by their own file paths:
// `import natural from 'natural'` loads every module of the library (and dotenv), which costs start-up time.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface NaturalTokenizer {
  tokenize(text: string): string[];
}

const AggressiveTokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer.js') as new () => NaturalTokenizer;
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(token: string): string; tokenizeAndStem(text: string): string[] };
const stopwords = require('natural/lib/natural/util/stopwords.js') as { words: string[] };

export { PorterStemmer };

/** Splits lower-cased text into ASCII word tokens (letters, digits, ' - /), as natural does. */
export const tokenizer: NaturalTokenizer = new AggressiveTokenizer();

/**
 * natural's stop-words minus the words that say who a message is aimed at: pronouns carry the
 * "targeted at a person" signal (OLID sub-task B), so they stay.
 */
const KEEP = new Set(['you', 'your', 'yours', 'yourself', 'he', 'she', 'him', 'her', 'his', 'himself', 'they', 'them', 'their', 'themselves', 'me', 'my', 'myself', 'we', 'our', 'never', 'should', 'must', 'u']);
export const STOP_WORDS: ReadonlySet<string> = new Set(stopwords.words.filter((w) => !KEEP.has(w)));

export function stem(token: string): string {
  return PorterStemmer.stem(token);
}
