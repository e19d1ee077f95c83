// Puts tweets and chat messages into one canonical lower-case form before feature extraction, so the
// model learns words rather than handles, links, entity spellings or how long someone held a key.

/** Placeholders; chosen so natural's tokenizer keeps them as single words. */
export const USER_TOKEN = 'xxuser';
export const URL_TOKEN = 'xxurl';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(match: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
    // Private-use code points are the old iOS emoji encoding (Davidson tweets): one generic emoji.
    if (code >= 0xe000 && code <= 0xf8ff) return ' xxemoji ';
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? match;
}

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/g;
const RETWEET = /(^|\s)RT\s*(@\w+:?)?/g;
const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+|\bURL\b/g;
const HANDLE = /@\w+/g;
const HANDLE_RUN = /xxuser(?:\s+xxuser)+/g;
// An emoji with its modifiers (skin tone, variation selector, ZWJ sequences) becomes one word, so
// "🖕🏽" and "🖕" share the feature.
const EMOJI = /\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*(?:\u200D\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*)*|[\u{1F1E6}-\u{1F1FF}]{2}/gu;
// Without the u flag: surrogate halves never repeat back to back, and emoji are words by then.
const ELONGATION = /(.)\1\1+/g;
const NON_ASCII = /[\u0080-\uffff]/;
const HASHTAG = /#(\w+)/g;
const CAMEL = /([a-z])([A-Z])|([A-Z]+)([A-Z][a-z])|([A-Za-z])([0-9])/g;

// "#LiberalsAreIdiots" also reads as words: the hashtag is kept and its camel-case parts are added.
function splitHashtag(_m: string, tag: string): string {
  const parts = tag.replace(CAMEL, (_x, a, b, c, d, e, f) => (a ? `${a} ${b}` : c ? `${c} ${d}` : `${e} ${f}`));
  return parts === tag ? ` #${tag} ` : ` #${tag} ${parts} `;
}

function emojiWord(e: string): string {
  const cp = e.codePointAt(0) ?? 0;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return ' xxflag ';
  return ` xxe${cp.toString(16)} `;
}

/**
 * Canonical form: entities decoded, RT / handles / links / emoji replaced by words, hashtags split,
 * lower case, elongation capped at two. Whitespace is left as it is (the tokenizers split on any run).
 */
export function normalise(text: string): string {
  let t = text;
  if (t.indexOf('&') !== -1) t = t.replace(ENTITY, decodeEntity);
  if (t.indexOf('RT') !== -1) t = t.replace(RETWEET, '$1');
  if (t.indexOf('URL') !== -1 || t.indexOf('http') !== -1 || t.indexOf('www.') !== -1) t = t.replace(LINK, ` ${URL_TOKEN} `);
  if (t.indexOf('@') !== -1) t = t.replace(HANDLE, ` ${USER_TOKEN} `);
  if (t.indexOf('#') !== -1) t = t.replace(HASHTAG, splitHashtag);
  if (NON_ASCII.test(t)) t = t.replace(EMOJI, emojiWord);
  t = t.toLowerCase().replace(ELONGATION, '$1$1');
  if (t.indexOf(USER_TOKEN) !== -1) t = t.replace(HANDLE_RUN, USER_TOKEN);
  return t;
}
