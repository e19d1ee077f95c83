// Reading untrusted export JSON without trusting its shape: each helper answers undefined for anything
// that is not what it asks for, so a surprising record becomes a counted skip, not a crash.

export type Json = Record<string, unknown>;

export function record(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Strings, and numbers kept as strings by the JSON reader, as a non-empty string. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function nonEmpty(value: unknown): string | undefined {
  const s = text(value);
  return s !== undefined && s.length > 0 ? s : undefined;
}

export function count(value: unknown): number | undefined {
  const s = text(value);
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Seconds since the epoch (possibly fractional, as Slack's `ts`) to ISO 8601 UTC. */
export function isoFromSeconds(value: unknown): string | undefined {
  const n = count(value);
  if (n === undefined || n < 0 || n > 4e10) return undefined;
  return new Date(Math.round(n * 1000)).toISOString();
}

/** A date string with a zone (or `Z`) to ISO 8601 UTC; undefined when unparseable. */
export function isoFromDate(value: unknown): string | undefined {
  const s = nonEmpty(value);
  if (!s) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `<@U123>`, `<@U123|name>` (Slack) and `<@123>`, `<@!123>` (Discord) user mentions in message text. */
export function mentionIds(body: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(/<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>/g)) found.add(match[1]!);
  return [...found];
}
