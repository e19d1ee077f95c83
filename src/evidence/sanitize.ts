// Turns what the pipeline hands over into plain JSON data that canonical JSON accepts, without losing
// anything: a string with invalid Unicode (a lone surrogate) is kept with U+FFFD in its place, and its exact
// UTF-16 code units are kept base64-encoded in `repairs`; bigints and dates become strings; NaN and ±∞
// become null (JSON has no form for them). Cycles and absurd depth are cut with a marker.
import { isWellFormed, toWellFormed } from './unicode.js';

export interface UnicodeRepair {
  /** Where the string was, e.g. `message.text` or `message.extra.subject`. */
  path: string;
  /** The original string's UTF-16 code units as little-endian bytes, base64. */
  utf16leBase64: string;
}

const MAX_DEPTH = 64;

export function sanitize(value: unknown, path: string, repairs: UnicodeRepair[], seen = new WeakSet<object>(), depth = 0): unknown {
  switch (typeof value) {
    case 'string':
      if (isWellFormed(value)) return value;
      repairs.push({ path, utf16leBase64: Buffer.from(value, 'utf16le').toString('base64') });
      return toWellFormed(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (depth >= MAX_DEPTH) return '[too deep]';
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((item, i) => sanitize(item, `${path}[${i}]`, repairs, seen, depth + 1) ?? null);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) {
      const cleanKey = toWellFormed(key);
      if (cleanKey !== key) repairs.push({ path: `${path}.${cleanKey}(key)`, utf16leBase64: Buffer.from(key, 'utf16le').toString('base64') });
      const clean = sanitize(item, `${path}.${cleanKey}`, repairs, seen, depth + 1);
      if (clean !== undefined) out[cleanKey] = clean;
    }
    return out;
  } finally {
    seen.delete(object);
  }
}
