// Random changes to an evidence bundle for the tamper property test: bytes flipped, inserted, deleted or cut
// anywhere in any file; JSON values changed anywhere in a record, a proof or the manifest; lines dropped,
// repeated, swapped or moved; files emptied, removed, replaced by garbage, invalid UTF-8 or deeply nested
// JSON, replaced by a folder, or by a symbolic link to elsewhere.
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { canonicalJson } from '../../src/evidence/canonical-json.js';
import type { BundleFiles } from './tamper-bundles.js';

export const FILES = ['records.jsonl', 'proofs.jsonl', 'manifest.json', 'signatures', 'report.html'] as const;
type FileName = (typeof FILES)[number];
const LINE_FILES = ['records.jsonl', 'proofs.jsonl', 'signatures'] as const;
const JSON_FILES = ['records.jsonl', 'proofs.jsonl', 'manifest.json'] as const;

/** A bundle file after mutations: its bytes, a folder in its place, or a symbolic link to elsewhere. */
export type Entry = { type: 'file'; bytes: Buffer } | { type: 'folder' } | { type: 'symlink'; to: 'copy' | 'dangling' | 'folder' };
export type Bundle = Map<string, Entry>;

/** A value that JSON.parse reads but that recursive code (String, JSON.stringify) overflows the stack on. */
export const DEEP_JSON = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const DEEP = '\u0000deep\u0000';

export type Replacement = 'empty' | 'garbage' | 'invalid-utf8' | 'deep-json' | 'long-line' | 'crlf';

export type Mutation =
  | { kind: 'flip'; file: FileName; at: number; xor: number }
  | { kind: 'insert'; file: FileName; at: number; bytes: Uint8Array }
  | { kind: 'delete'; file: FileName; at: number; length: number }
  | { kind: 'truncate'; file: FileName; at: number }
  | { kind: 'replace'; file: FileName; with: Replacement; seed: Uint8Array }
  | { kind: 'remove'; file: FileName }
  | { kind: 'folder'; file: FileName }
  | { kind: 'symlink'; file: FileName; to: 'copy' | 'dangling' | 'folder' }
  | { kind: 'json'; file: (typeof JSON_FILES)[number]; line: number; path: number; change: JsonChange }
  | { kind: 'lines'; file: (typeof LINE_FILES)[number] | 'records+proofs'; op: 'drop' | 'duplicate' | 'swap' | 'move'; i: number; j: number }
  | { kind: 'line'; file: (typeof LINE_FILES)[number]; i: number; text: string }
  | { kind: 'graft'; file: FileName; from: BundleName };

/** The genuine bundles a file can be taken from (see tamper-bundles.ts). */
export const BUNDLE_NAMES = ['previous', 'full', 'selection'] as const;
export type BundleName = (typeof BUNDLE_NAMES)[number];

export type JsonChange = { type: 'tweak' } | { type: 'set'; value: unknown } | { type: 'deep' } | { type: 'remove' };

const file = fc.constantFrom(...FILES);
const jsonChange: fc.Arbitrary<JsonChange> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ type: 'tweak' as const }) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ type: 'set' as const, value })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<unknown>(null, '', 0, -1, 0.5, 1e21, 2 ** 53, -0, true, [], {}, 'x'.repeat(70_000), '0'.repeat(64), 'constructor', '__proto__', '\ud800', { __proto__: null })
      .map((value) => ({ type: 'set' as const, value })),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'deep' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'remove' as const }) },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), file, at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), file, at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), file, at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), file, at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), file, with: fc.constantFrom<Replacement>('empty', 'garbage', 'invalid-utf8', 'deep-json', 'long-line', 'crlf'), seed: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('remove' as const), file }),
  fc.record({ kind: fc.constant('folder' as const), file }),
  fc.record({ kind: fc.constant('symlink' as const), file, to: fc.constantFrom('copy' as const, 'dangling' as const, 'folder' as const) }),
  { arbitrary: fc.record({ kind: fc.constant('json' as const), file: fc.constantFrom(...JSON_FILES), line: fc.nat(), path: fc.nat(), change: jsonChange }), weight: 4 },
  fc.record({ kind: fc.constant('line' as const), file: fc.constantFrom(...LINE_FILES), i: fc.nat(), text: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ unit: 'binary' })) }),
  fc.record({ kind: fc.constant('graft' as const), file, from: fc.constantFrom(...BUNDLE_NAMES) }),
  { arbitrary: fc.record({ kind: fc.constant('lines' as const), file: fc.constantFrom(...LINE_FILES, 'records+proofs' as const), op: fc.constantFrom('drop' as const, 'duplicate' as const, 'swap' as const, 'move' as const), i: fc.nat(), j: fc.nat() }), weight: 2 },
);

export function toBundle(files: BundleFiles): Bundle {
  return new Map([...files].map(([name, bytes]) => [name, { type: 'file', bytes: Buffer.from(bytes) } as Entry]));
}

function replacement(kind: Replacement, seed: Uint8Array, original: Buffer): Buffer {
  switch (kind) {
    case 'empty':
      return Buffer.alloc(0);
    case 'garbage':
      return Buffer.concat(Array.from({ length: 64 }, () => Buffer.from(seed)));
    case 'invalid-utf8':
      return Buffer.concat([original.subarray(0, original.length >> 1), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), original.subarray(original.length >> 1)]);
    case 'deep-json':
      return Buffer.from(`${DEEP_JSON}\n`);
    case 'long-line':
      // Long enough to cross the line reader's 1 MiB chunks a few times; the 50 MB line is a test of its own.
      return Buffer.concat([Buffer.from('{"v":1,"id":"'), Buffer.alloc(3 << 20, 0x61), Buffer.from('"}\n'), original]);
    case 'crlf':
      return Buffer.from(original.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
  }
}

/** Every path (as keys) to a value inside `doc`, the root excluded, in a fixed order. */
function paths(doc: unknown): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const queue: Array<{ value: unknown; at: Array<string | number> }> = [{ value: doc, at: [] }];
  while (queue.length > 0) {
    const { value, at } = queue.shift()!;
    if (at.length > 0) out.push(at);
    if (value !== null && typeof value === 'object' && at.length < 32) {
      for (const [key, item] of Object.entries(value)) queue.push({ value: item, at: [...at, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return out;
}

function tweak(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return value.length === 0 ? 'x' : value.slice(0, -1) + (value.endsWith('0') ? '1' : '0');
  if (Array.isArray(value)) return value.length > 0 ? value.slice(1) : [0];
  if (value !== null && typeof value === 'object') return { ...value, extra: 1 };
  return 0;
}

function changeJson(text: string, at: number, change: JsonChange, serialise: (doc: unknown) => string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return text;
  }
  const all = paths(doc);
  if (all.length === 0) return text;
  const where = all[at % all.length]!;
  const parent = where.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, doc as Record<string, unknown>);
  const key = where[where.length - 1]!;
  if (change.type === 'remove') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = change.type === 'tweak' ? tweak(parent[key]) : change.type === 'deep' ? DEEP : change.value;
  }
  try {
    return serialise(doc).replace(JSON.stringify(DEEP), DEEP_JSON);
  } catch {
    // A document an earlier mutation nested too deep cannot be written back out: this change is skipped.
    return text;
  }
}

function canonicalOrPlain(doc: unknown): string {
  try {
    return canonicalJson(doc);
  } catch {
    return JSON.stringify(doc);
  }
}

function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(10, start);
    const end = nl === -1 ? bytes.length : nl + 1;
    lines.push(bytes.subarray(start, end));
    start = end;
  }
  return lines;
}

function lineOp(bytes: Buffer, op: 'drop' | 'duplicate' | 'swap' | 'move', i: number, j: number): Buffer {
  const lines = splitLines(bytes);
  if (lines.length === 0) return bytes;
  const a = i % lines.length;
  const b = j % lines.length;
  if (op === 'drop') lines.splice(a, 1);
  else if (op === 'duplicate') lines.splice(b, 0, lines[a]!);
  else if (op === 'swap') [lines[a], lines[b]] = [lines[b]!, lines[a]!];
  else lines.splice(b, 0, ...lines.splice(a, 1));
  return Buffer.concat(lines);
}

function mapFile(bundle: Bundle, name: string, change: (bytes: Buffer) => Buffer): void {
  const entry = bundle.get(name);
  if (entry?.type === 'file') bundle.set(name, { type: 'file', bytes: change(entry.bytes) });
}

export function applyMutation(bundle: Bundle, m: Mutation, genuine: Record<BundleName, BundleFiles>): void {
  const at = (bytes: Buffer): number => (bytes.length === 0 ? 0 : m.kind === 'flip' || m.kind === 'insert' || m.kind === 'delete' || m.kind === 'truncate' ? m.at % bytes.length : 0);
  switch (m.kind) {
    case 'flip':
      return mapFile(bundle, m.file, (bytes) => {
        if (bytes.length === 0) return bytes;
        const copy = Buffer.from(bytes);
        copy[at(copy)]! ^= m.xor;
        return copy;
      });
    case 'insert':
      return mapFile(bundle, m.file, (bytes) => Buffer.concat([bytes.subarray(0, at(bytes)), Buffer.from(m.bytes), bytes.subarray(at(bytes))]));
    case 'delete':
      return mapFile(bundle, m.file, (bytes) => Buffer.concat([bytes.subarray(0, at(bytes)), bytes.subarray(at(bytes) + m.length)]));
    case 'truncate':
      return mapFile(bundle, m.file, (bytes) => bytes.subarray(0, at(bytes)));
    case 'replace':
      return mapFile(bundle, m.file, (bytes) => replacement(m.with, m.seed, bytes));
    case 'remove':
      bundle.delete(m.file);
      return;
    case 'folder':
      bundle.set(m.file, { type: 'folder' });
      return;
    case 'symlink':
      if (bundle.get(m.file)?.type === 'file') bundle.set(m.file, { type: 'symlink', to: m.to });
      return;
    case 'json':
      return mapFile(bundle, m.file, (bytes) => {
        if (m.file === 'manifest.json') return Buffer.from(`${changeJson(bytes.toString('utf8'), m.path, m.change, (doc) => JSON.stringify(doc, null, 2))}\n`);
        const lines = splitLines(bytes);
        if (lines.length === 0) return bytes;
        const i = m.line % lines.length;
        lines[i] = Buffer.from(`${changeJson(lines[i]!.toString('utf8').replace(/\n$/, ''), m.path, m.change, canonicalOrPlain)}\n`);
        return Buffer.concat(lines);
      });
    case 'line':
      return mapFile(bundle, m.file, (bytes) => {
        const lines = splitLines(bytes);
        if (lines.length === 0) return bytes;
        lines[m.i % lines.length] = Buffer.from(`${m.text.replace(/\n/g, ' ')}\n`);
        return Buffer.concat(lines);
      });
    case 'graft': {
      const bytes = genuine[m.from].get(m.file);
      if (bytes) bundle.set(m.file, { type: 'file', bytes: Buffer.from(bytes) });
      return;
    }
    case 'lines':
      for (const name of m.file === 'records+proofs' ? ['records.jsonl', 'proofs.jsonl'] : [m.file]) mapFile(bundle, name, (bytes) => lineOp(bytes, m.op, m.i, m.j));
      return;
  }
}

/** Writes the bundle into `dir` (made here); a symbolic link's target goes into `elsewhere`. */
export function writeBundle(bundle: Bundle, original: BundleFiles, dir: string, elsewhere: string): void {
  mkdirSync(dir, { recursive: true });
  mkdirSync(elsewhere, { recursive: true });
  for (const [name, entry] of bundle) {
    const target = path.join(dir, name);
    if (entry.type === 'file') writeFileSync(target, entry.bytes);
    else if (entry.type === 'folder') mkdirSync(target);
    else if (entry.to === 'copy') {
      writeFileSync(path.join(elsewhere, name), original.get(name)!);
      symlinkSync(path.join(elsewhere, name), target);
    } else symlinkSync(entry.to === 'dangling' ? path.join(elsewhere, 'nothing-here') : elsewhere, target);
  }
}

/**
 * Whether the mutations left every checked file exactly as in one genuine bundle (files taken from another
 * bundle can add up to that one). report.html is not covered by the manifest (it is a rendering of the
 * records for people; verify does not read it), so a change there alone need not fail.
 */
export function unchanged(bundle: Bundle, genuine: Record<BundleName, BundleFiles>): boolean {
  return BUNDLE_NAMES.some((name) =>
    FILES.every((file) => {
      if (file === 'report.html') return true;
      const entry = bundle.get(file);
      return entry?.type === 'file' && entry.bytes.equals(genuine[name].get(file)!);
    }),
  );
}

/** Mutations of records.jsonl alone, for the property where the rest of the bundle is made to match. */
export const recordsMutation: fc.Arbitrary<Mutation> = mutation.filter(
  (m) => ['flip', 'insert', 'delete', 'truncate', 'json', 'lines', 'line'].includes(m.kind) && m.file === 'records.jsonl',
);

/**
 * What someone without the signing key can do to hide a change to records.jsonl: rewrite the signatures
 * file's record lines to match the records, and the manifest's hash and size of records.jsonl. Only the
 * manifest's signature then shows the change; the record checks must still find it on their own.
 */
export function disguise(bundle: Bundle): void {
  const records = bundle.get('records.jsonl');
  const signatures = bundle.get('signatures');
  const manifest = bundle.get('manifest.json');
  if (records?.type !== 'file' || signatures?.type !== 'file' || manifest?.type !== 'file') return;
  const lines = records.bytes.toString('utf8').split('\n').filter((l) => l.length > 0);
  const [header, ...rest] = signatures.bytes.toString('utf8').split('\n').filter((l) => l.length > 0);
  const recordLines = lines.map((line, i) => {
    try {
      const r = JSON.parse(line) as { id?: unknown; keyId?: unknown; sig?: unknown };
      return `record ${i + 1} ${String(r.id)} ${String(r.keyId)} ${String(r.sig)}`;
    } catch {
      return `record ${i + 1} ? ? ?`;
    }
  });
  bundle.set('signatures', { type: 'file', bytes: Buffer.from(`${[header, ...recordLines, ...rest.filter((l) => l.startsWith('manifest '))].join('\n')}\n`) });
  const doc = JSON.parse(manifest.bytes.toString('utf8')) as { records: { sha256: string; bytes: number } };
  doc.records = { sha256: createHash('sha256').update(records.bytes).digest('hex'), bytes: records.bytes.length };
  bundle.set('manifest.json', { type: 'file', bytes: Buffer.from(`${JSON.stringify(doc, null, 2)}\n`) });
}
