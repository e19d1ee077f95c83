// The insult / profanity lexicon feature: AFINN-165 (Nielsen 2011, the sentiment word list natural's
// SentimentAnalyzer uses) words rated -2 or worse, grouped by rating. It lets the model generalise to
// strong words too rare in the training data to get a weight of their own. The list is copied into
// the model file at training time, so inference never needs the package.
import { createRequire } from 'node:module';

export type Lexicon = Record<string, string[]>;

/** Loads AFINN-165 through natural (whose dependency it is) and keeps the negative words by rating. */
export function buildLexicon(): Lexicon {
  const fromNatural = createRequire(createRequire(import.meta.url).resolve('natural'));
  const { afinn165 } = fromNatural('afinn-165') as { afinn165: Record<string, number> };
  const lexicon: Lexicon = { '-2': [], '-3': [], '-4': [] };
  for (const [word, rating] of Object.entries(afinn165)) {
    if (rating > -2 || word.includes(' ')) continue;
    lexicon[String(Math.max(-4, rating))]!.push(word);
  }
  for (const words of Object.values(lexicon)) words.sort();
  return lexicon;
}

/** Word → lexicon level (2, 3 or 4 = rated -2, -3, -4 or worse). */
export function lexiconLevels(lexicon: Lexicon): Map<string, number> {
  const levels = new Map<string, number>();
  for (const [rating, words] of Object.entries(lexicon)) {
    const level = -Number(rating);
    if (!Number.isInteger(level) || level < 1 || level > 9) throw new Error(`lexicon rating ${rating} is not an integer from -1 to -9`);
    for (const w of words) levels.set(w, level);
  }
  return levels;
}
