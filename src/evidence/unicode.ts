// A UTF-16 string is valid Unicode unless it holds a surrogate without its partner; such a string has no
// UTF-8 form. (String.prototype.isWellFormed is ES2024; the project targets ES2023 typings.)
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Each lone surrogate replaced by U+FFFD, as TextEncoder would do. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD');
}
