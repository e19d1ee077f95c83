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
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Where a value sits, built into a string only when a repair needs it. */
type Path = { parent?: Path; part: string };
const render = (path: Path): string => (path.parent ? render(path.parent) : '') + path.part;

function repaired(text: string, path: Path, repairs: UnicodeRepair[]): string {
  if (!ANY_SURROGATE.test(text) || isWellFormed(text)) return text;
  repairs.push({ path: render(path), utf16leBase64: Buffer.from(text, 'utf16le').toString('base64') });
  return toWellFormed(text);
}

/** Sets an own member, `__proto__` included (plain assignment would set the prototype and lose the key). */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/**
 * The same members with keys in canonical order, so that canonical JSON can hand the object to native
 * JSON.stringify (canonical-json.ts). Integer-like keys stay first whatever is done (a JavaScript rule).
 */
function inCanonicalOrder(out: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(out);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! < keys[i]!;
  if (sorted) return out;
  const ordered: Record<string, unknown> = {};
  for (const key of keys.sort()) define(ordered, key, out[key]);
  return ordered;
}

function clean(value: unknown, path: Path, repairs: UnicodeRepair[], seen: WeakSet<object>, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return repaired(value, path, repairs);
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
    if (Array.isArray(object)) return object.map((item, i) => clean(item, { parent: path, part: `[${i}]` }, repairs, seen, depth + 1) ?? null);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const cleanKey = ANY_SURROGATE.test(key) ? repaired(key, { parent: path, part: `.${toWellFormed(key)}(key)` }, repairs) : key;
      const item = clean((object as Record<string, unknown>)[key], { parent: path, part: `.${cleanKey}` }, repairs, seen, depth + 1);
      if (item !== undefined) define(out, cleanKey, item);
    }
    return inCanonicalOrder(out);
  } finally {
    seen.delete(object);
  }
}

export function sanitize(value: unknown, path: string, repairs: UnicodeRepair[]): unknown {
  return clean(value, { part: path }, repairs, new WeakSet(), 0);
}
