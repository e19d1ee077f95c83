// Text from other people (and from the service, which speaks plain text) is shown literally: no
// markdown, no spoiler break-out with `||`, no mention or timestamp tags, no masked links.
// Written here rather than discord.js's escapeMarkdown, which takes seconds on a 10,000-character text
// (a flood of long messages would stall the bot). Discord renders a backslash before any punctuation as
// that punctuation, so escaping more than strictly needed only costs length.

/** Characters with a meaning anywhere in a line: emphasis, code, spoilers, tags (<@id> <t:…>), masked links ([text](url) needs its brackets). */
const INLINE = /[\\*_~`|<>[\]]/g;
/** Markers with a meaning at the start of a line: headings and subtext (#, -#), lists (- + 1.). */
const LINE_START = /^([ \t]*)(#|-|\+|\d+\.)/gm;

export function escapePlain(text: string): string {
  return text.replace(INLINE, '\\$&').replace(LINE_START, (_match, indent: string, marker: string) => `${indent}${marker.endsWith('.') ? `${marker.slice(0, -1)}\\.` : `\\${marker}`}`);
}

/** Escapes `text` and shortens it (before escaping, so no escape is cut in half) to fit `max` with `suffix`. */
export function escapeWithin(text: string, max: number, suffix = '…'): string {
  let escaped = escapePlain(text);
  if (escaped.length <= max) return escaped;
  let cut = text.length;
  while (cut > 0) {
    cut = Math.min(cut - 1, Math.floor((cut * (max - suffix.length)) / escaped.length));
    // Never leave half of a surrogate pair at the end.
    const end = /[\uD800-\uDBFF]$/.test(text.slice(0, cut)) ? cut - 1 : cut;
    escaped = escapePlain(text.slice(0, Math.max(0, end))) + suffix;
    if (escaped.length <= max) return escaped;
  }
  return suffix.slice(0, max);
}

/** Hides `text` behind a spoiler that the text itself cannot close. */
export function spoiler(text: string, max: number, suffix: string): string {
  const inner = text.length > 0 ? escapeWithin(text, max - 4, suffix) : '(no text)';
  return `||${inner}||`;
}
