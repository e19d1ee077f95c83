// Prepares a chat line for style features: what is a social cue or topic rather than style is removed.

/** Longest text (UTF-16 units) a writeprint reads; chat style shows in far less, and it bounds the cost. */
export const MAX_CHARS = 4096;

// Words that open a line with a comma without addressing anyone ("well, …", "yes, …").
const NOT_ADDRESSEES = new Set([
  'yes', 'no', 'yeah', 'yep', 'nope', 'ok', 'okay', 'well', 'so', 'oh', 'ah', 'hmm', 'hm', 'hi', 'hey', 'hello',
  'thanks', 'and', 'but', 'or', 'now', 'then', 'also', 'anyway', 'sorry', 'right', 'sure', 'actually', 'though',
  'however', 'btw', 'lol', 'also', 'first', 'still', 'true', 'maybe', 'please', 'because', 'otherwise', 'i', 'what',
]);

const ADDRESSEE = /^\s*([^\s:,]{1,32})[:,](?:\s+|$)/;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;

/**
 * Removes a leading addressee (`nick: …`, `nick, …`): on IRC 64 % of lines start with one, and who someone
 * talks to is a social cue, not their writing style. Ordinary words opening a sentence are kept.
 */
export function stripAddressee(line: string): string {
  const m = ADDRESSEE.exec(line);
  if (!m) return line;
  const word = (m[1] ?? '').toLowerCase();
  if (NOT_ADDRESSEES.has(word) || /^\d+$/.test(word)) return line;
  return line.slice(m[0].length);
}

/** Replaces links with one placeholder character: a URL's letters are topic, the habit of pasting one is not. */
export function maskUrls(text: string): string {
  return text.includes('http') || text.includes('www.') ? text.replace(URL, '\u0002') : text;
}

export interface PrepOptions {
  stripAddressee: boolean;
}

/** Bounded, addressee-free, URL-masked text of one message (each line of a multi-line message handled alike). */
export function prepareText(text: string, options: PrepOptions): string {
  let t = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  if (options.stripAddressee) {
    t = t.includes('\n') ? t.split('\n').map(stripAddressee).join('\n') : stripAddressee(t);
  }
  return maskUrls(t);
}
