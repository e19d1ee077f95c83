// Canonical JSON: object keys sorted by UTF-16 code units, no insignificant whitespace, numbers and strings
// as ECMAScript's JSON.stringify writes them (the RFC 8785 rules for the values evidence holds), UTF-8 bytes.
// Two equal records always give the same bytes, so hashes and signatures are over something well defined.
import { EvidenceError } from './errors.js';
import { isWellFormed } from './unicode.js';

const ANY_SURROGATE = /[\uD800-\uDFFF]/;

function fail(path: string, why: string): never {
  throw new EvidenceError('not-canonical', `cannot write canonical JSON at ${path || '(root)'}: ${why}`);
}

function string(value: string, path: string): string {
  // Lone surrogates have no UTF-8 form; callers repair them first (see sanitize.ts). Most strings have no
  // surrogate at all, so the cheap test runs first.
  if (ANY_SURROGATE.test(value) && !isWellFormed(value)) fail(path, 'string holds a lone UTF-16 surrogate (invalid Unicode)');
  return JSON.stringify(value);
}

/** The hot path: no path bookkeeping; on any problem `explain` walks again to say where. */
function fast(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (ANY_SURROGATE.test(value) && !isWellFormed(value)) throw INVALID;
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw INVALID;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw INVALID;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + fast(value[i] === undefined ? null : value[i]);
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw INVALID;
  if (nativeIsCanonical(value, 0)) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${fast(key)}:${fast(item)}`;
  }
  return `${out}}`;
}

const INVALID = new Error('not canonical');

/** Deeper than this the check gives up (JSON.stringify and the walk above then differ only in how they fail). */
const NATIVE_DEPTH = 32;

/**
 * True when JSON.stringify writes exactly the canonical form of `value`: every object plain with its keys
 * already in canonical order (sanitize.ts builds them so), every string well-formed, every number finite,
 * nothing JSON.stringify would drop or convert. Native JSON.stringify then does in one call what `fast`
 * does by sorting and concatenating, with the same bytes (test/evidence/canonical-fast-path.test.ts).
 */
function nativeIsCanonical(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      return !ANY_SURROGATE.test(value) || isWellFormed(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > NATIVE_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== undefined && !nativeIsCanonical(item, depth + 1)) return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    if ((ANY_SURROGATE.test(key) && !isWellFormed(key)) || !nativeIsCanonical(item, depth + 1)) return false;
  }
  return true;
}

/** Walks like `fast`, tracking where it is, to name the first value that has no canonical form. */
function explain(value: unknown, path: string): void {
  if (value === null) return;
  switch (typeof value) {
    case 'string':
      string(value, path);
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(path, `number ${value} has no JSON form`);
      return;
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      fail(path, `${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) return value.forEach((item, i) => explain(item === undefined ? null : item, `${path}[${i}]`));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(path, `${(value as object).constructor?.name ?? 'object'} is not a plain object`);
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    string(key, `${path} (key)`);
    explain(item, `${path}.${key}`);
  }
}

export function canonicalValue(value: unknown, path = ''): string {
  try {
    return fast(value);
  } catch (error) {
    if (error !== INVALID) throw error;
    explain(value, path);
    throw error;
  }
}

/** Each defined member as [key, canonical value], keys sorted. */
export function canonicalMembers(record: Record<string, unknown>, path = ''): Array<[string, string]> {
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return keys.map((key) => [key, canonicalValue(record[key], `${path}.${key}`)]);
}

/** Assembles members (already sorted) into an object, leaving out `skip`. */
export function canonicalObject(members: Array<[string, string]>, skip?: string): string {
  let out = '{';
  let first = true;
  for (const [key, value] of members) {
    if (key === skip) continue;
    out += `${first ? '' : ','}${string(key, key)}:${value}`;
    first = false;
  }
  return `${out}}`;
}

export function canonicalJson(value: unknown): string {
  return canonicalValue(value);
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
