// The detector's file format: a magic tag, a JSON header (architecture, lexicon, heads' biases and
// calibration, thresholds, training figures) and a binary body of the non-zero hash buckets
// (bucket index, idf, offensive weight, targeted weight). Binary so that loading costs a few
// milliseconds, not a JSON parse of a million numbers; checksummed so a damaged file is refused.
import { createHash } from 'node:crypto';
import type { Thresholds } from './decision.js';
import type { FeatureSpec } from './features.js';
import type { Lexicon } from './lexicon.js';
import type { Platt } from './calibration.js';
import { BucketTable } from './bucket-table.js';

const MAGIC = Buffer.from('ACTSDET\u0001', 'latin1');
const FORMAT = 1;

export interface HeadHeader {
  bias: number;
  platt: Platt;
}

export interface ModelHeader {
  format: number;
  name: string;
  spec: FeatureSpec;
  lexicon: Lexicon;
  /** Nouns naming a person or group (WordNet), for the person-in-view rule. */
  personNouns: string[];
  offensive: HeadHeader;
  targeted: HeadHeader;
  thresholds: Thresholds;
  /** Figures measured while training (out-of-fold), for the record. */
  training: Record<string, unknown>;
  entries: number;
  bodySha256: string;
}

export interface ModelArrays {
  idf: Float32Array;
  offensive: Float32Array;
  targeted: Float32Array;
}

export class ModelFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ModelFileError';
  }
}

export function encodeModel(header: Omit<ModelHeader, 'format' | 'entries' | 'bodySha256'>, arrays: ModelArrays): Buffer {
  const buckets: number[] = [];
  for (let b = 0; b < arrays.idf.length; b++) if (arrays.idf[b] !== 0) buckets.push(b);
  const n = buckets.length;
  const body = Buffer.alloc(n * 16);
  const u32 = new Uint32Array(body.buffer, body.byteOffset, n);
  const f32 = new Float32Array(body.buffer, body.byteOffset + n * 4, n * 3);
  buckets.forEach((b, i) => {
    u32[i] = b;
    f32[i] = arrays.idf[b] as number;
    f32[n + i] = arrays.offensive[b] as number;
    f32[2 * n + i] = arrays.targeted[b] as number;
  });
  const full: ModelHeader = { format: FORMAT, ...header, entries: n, bodySha256: createHash('sha256').update(body).digest('hex') };
  let json = Buffer.from(JSON.stringify(full), 'utf8');
  const pad = (4 - ((MAGIC.length + 4 + json.length) % 4)) % 4;
  json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return Buffer.concat([MAGIC, len, json, body]);
}

function check(ok: boolean, file: string, problem: string): asserts ok {
  if (!ok) throw new ModelFileError(file, problem);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkHeader(h: ModelHeader, file: string): void {
  check(h.format === FORMAT, file, `model format ${String(h.format)} is not supported (expected ${FORMAT})`);
  const s = h.spec;
  check(typeof s === 'object' && s !== null && Number.isInteger(s.bits) && s.bits >= 8 && s.bits <= 24, file, 'bad feature spec (bits)');
  check(Number.isInteger(s.charMin) && Number.isInteger(s.charMax) && s.charMin >= 1 && s.charMax >= s.charMin && s.charMax <= 8, file, 'bad feature spec (char n-grams)');
  check(Number.isInteger(s.wordNgrams) && s.wordNgrams >= 1 && s.wordNgrams <= 2 && isNum(s.wordWeight), file, 'bad feature spec (words)');
  for (const head of [h.offensive, h.targeted]) check(isNum(head?.bias) && isNum(head.platt?.a) && isNum(head.platt?.b), file, 'bad head header');
  const t = h.thresholds;
  check(isNum(t?.flag) && isNum(t.grey) && t.grey <= t.flag, file, 'bad thresholds');
  check(Array.isArray(h.personNouns) && h.personNouns.every((w) => typeof w === 'string'), file, 'bad person noun list');
  check(typeof h.lexicon === 'object' && h.lexicon !== null && Object.values(h.lexicon).every((w) => Array.isArray(w) && w.every((x) => typeof x === 'string')), file, 'bad lexicon');
  check(Number.isInteger(h.entries) && h.entries >= 0 && typeof h.name === 'string', file, 'bad entry count or name');
}

/**
 * Parses and checks a model file's bytes; throws ModelFileError with the reason when it is not a sound
 * model. The weights come back in a table of the used buckets only (bucket-table.ts), idf and both
 * heads' weights side by side so that scoring a feature touches one place.
 */
export function decodeModel(bytes: Buffer, file: string): { header: ModelHeader; table: BucketTable } {
  check(bytes.length >= MAGIC.length + 4 && bytes.subarray(0, MAGIC.length).equals(MAGIC), file, 'not an ACTS detector model (bad magic bytes)');
  const len = bytes.readUInt32LE(MAGIC.length);
  const bodyStart = MAGIC.length + 4 + len;
  check(bodyStart <= bytes.length && bodyStart % 4 === 0, file, 'truncated or corrupt header');
  let header: ModelHeader;
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, bodyStart).toString('utf8')) as ModelHeader;
  } catch {
    throw new ModelFileError(file, 'corrupt header (not JSON)');
  }
  check(typeof header === 'object' && header !== null, file, 'corrupt header');
  checkHeader(header, file);
  const n = header.entries;
  check(bytes.length - bodyStart === n * 16, file, `body is ${bytes.length - bodyStart} bytes, expected ${n * 16} (truncated or corrupt)`);
  const body = bytes.subarray(bodyStart);
  check(createHash('sha256').update(body).digest('hex') === header.bodySha256, file, 'checksum mismatch (the file is damaged)');
  // Copy so the typed-array views are 4-byte aligned whatever buffer pool the bytes came from.
  const aligned = new Uint8Array(body.length);
  aligned.set(body);
  const u32 = new Uint32Array(aligned.buffer, 0, n);
  const f32 = new Float32Array(aligned.buffer, n * 4, n * 3);
  const size = 1 << header.spec.bits;
  const table = new BucketTable(n);
  for (let i = 0; i < n; i++) {
    const b = u32[i] as number;
    if (b >= size) throw new ModelFileError(file, `bucket ${b} out of range`);
    table.set(b, f32[i] as number, f32[n + i] as number, f32[2 * n + i] as number);
  }
  return { header, table };
}
