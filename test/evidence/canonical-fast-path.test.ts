import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/evidence/canonical-json.js';
import { sanitize, type UnicodeRepair } from '../../src/evidence/sanitize.js';
import { isWellFormed } from '../../src/evidence/unicode.js';

/** The canonicaliser as it was before the native fast path: sorts and concatenates at every level. */
function reference(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw new Error('lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('not finite');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new Error('no JSON form');
  }
  if (Array.isArray(value)) return `[${Array.from({ length: value.length }, (_, i) => reference(value[i] === undefined ? null : value[i])).join(',')}]`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new Error('not plain');
  const record = value as Record<string, unknown>;
  const members = Object.keys(record).sort().filter((key) => record[key] !== undefined);
  return `{${members.map((key) => `${reference(key)}:${reference(record[key])}`).join(',')}}`;
}

const outcome = (f: () => string): { ok: string } | { error: true } => {
  try {
    return { ok: f() };
  } catch {
    return { error: true };
  }
};

/** A deep copy whose objects have their keys in canonical order (as sanitize builds them), `__proto__` kept. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  for (const key of Object.keys(value).sort()) {
    Object.defineProperty(out, key, { value: sortedCopy((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const key = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', 'toJSON', '1', '10', '9', 'sig', ''));
const values = fc.anything({ key, maxDepth: 4, withNullPrototype: true, withBoxedValues: true, withDate: true, withSparseArray: true, withBigInt: true });
const jsonLike = fc.jsonValue({ maxDepth: 4 }).chain((v) => fc.constant(v));
const texts = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\uD800', 'a\uDFFFb', '😀', '\u0000\u001f"\\'));
const records = fc.dictionary(key, fc.oneof(texts, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(texts), fc.dictionary(key, texts)));

describe('canonical JSON: native fast path', () => {
  it('writes the same bytes as the sorting canonicaliser, or fails where it fails, on any value', () => {
    fc.assert(fc.property(fc.oneof(values, jsonLike, records), (value) => {
      expect(outcome(() => canonicalJson(value))).toEqual(outcome(() => reference(value)));
      const sorted = sortedCopy(value);
      expect(outcome(() => canonicalJson(sorted))).toEqual(outcome(() => reference(sorted)));
    }), { numRuns: 2000 });
  });

  it('sanitized values (keys in canonical order) give the same bytes as the sorting canonicaliser', () => {
    fc.assert(fc.property(fc.oneof(values, records), (value) => {
      const clean = sanitize(value, 'message', []);
      expect(outcome(() => canonicalJson(clean))).toEqual(outcome(() => reference(clean)));
      if (typeof value === 'object' && value !== null) expect(outcome(() => canonicalJson(clean))).toHaveProperty('ok');
    }), { numRuns: 2000 });
  });

  it('sanitize keeps a "__proto__" member as data instead of setting the prototype', () => {
    const hostile = JSON.parse('{"text":"hi","__proto__":{"polluted":true},"extra":{"__proto__":"x"}}') as Record<string, unknown>;
    const repairs: UnicodeRepair[] = [];
    const clean = sanitize(hostile, 'message', repairs) as Record<string, unknown>;
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
    expect(Object.keys(clean)).toEqual(['__proto__', 'extra', 'text']);
    expect(canonicalJson(clean)).toBe('{"__proto__":{"polluted":true},"extra":{"__proto__":"x"},"text":"hi"}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(repairs).toEqual([]);
  });

  it('leaves integer-like keys where JavaScript puts them and still sorts them canonically', () => {
    const clean = sanitize({ b: 1, 10: 'x', 9: 'y', a: 2 }, 'message', []);
    expect(canonicalJson(clean)).toBe('{"10":"x","9":"y","a":2,"b":1}');
  });
});
