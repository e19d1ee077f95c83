// Text from other people (and from the service, which speaks plain text) is shown literally: no
// markdown, no spoiler break-out with `||`, no mention or timestamp tags, no masked links.
import { escapeMarkdown } from 'discord.js';

export function escapePlain(text: string): string {
  const escaped = escapeMarkdown(text, {
    codeBlockContent: true,
    inlineCodeContent: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
    heading: true,
  });
  // escapeMarkdown leaves block quotes and <@id> / <#id> / <t:…> tags alone.
  return escaped.replace(/^(\s*)>/gm, '$1\\>').replace(/</g, '\\<');
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
