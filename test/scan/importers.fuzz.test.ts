// Property-based fuzzing of every history importer (fast-check): real fixture exports whose records are
// replaced by random JSON or mutated copies, and whose bytes are flipped, cut or padded. Whatever comes in, an
// import either stops with a ScanInputError that names the file, or reads on, turning every bad record into a
// counted skip; it never throws anything else, never leaves an unhandled rejection, and every message it
// yields has string ids and a valid time.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failOnUnhandledRejections } from '../helpers/unhandled-rejections.js';
import type { Message } from '../../src/core/types.js';
import { openSource } from '../../src/scan/open-source.js';
import { ScanInputError, type ScanFormat } from '../../src/scan/types.js';
import { tempDir } from '../helpers/temp-dir.js';
import { drain, FIXTURES } from './helpers.js';
import { folderEntries, zipBuffer } from './zip-writer.js';

const RUNS = 40;
const dir = tempDir('fuzz');
let files = 0;

failOnUnhandledRejections();

function checkMessage(m: Message): void {
  for (const field of [m.messageId, m.channelId, m.author.id, m.text]) expect(typeof field).toBe('string');
  expect(Number.isNaN(Date.parse(m.sentAt))).toBe(false);
}

/** Imports `file`; a ScanInputError naming it is a fine answer, anything else thrown fails the property. */
async function importOrError(file: string, format: ScanFormat): Promise<{ messages: number; skips: number } | 'refused'> {
  try {
    const { messages, skips } = await drain(await openSource(file, format));
    messages.forEach(checkMessage);
    for (const skip of skips) expect(typeof skip.reason).toBe('string');
    return { messages: messages.length, skips: skips.length };
  } catch (error) {
    if (!(error instanceof ScanInputError)) throw error;
    // Names the file, or for a zip the entry inside it that is bad (e.g. `users.json: expected …`).
    expect(error.message).toMatch(format === 'slack' ? new RegExp(`${path.basename(file).replace('.', '\\.')}|[\\w/.-]+\\.json`) : new RegExp(path.basename(file).replace('.', '\\.')));
    return 'refused';
  }
}

function write(name: string, data: string | Buffer): string {
  const file = path.join(dir, `${++files}-${name}`);
  writeFileSync(file, data);
  return file;
}

const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;

/** A record that is random JSON, or a real record with one field replaced by random JSON or removed. */
function recordArb(real: readonly unknown[]): fc.Arbitrary<unknown> {
  const mutated = fc.tuple(fc.constantFrom(...real), fc.string({ maxLength: 12 }), fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined })).map(([record, key, value]) => {
    if (typeof record !== 'object' || record === null) return record;
    const copy = structuredClone(record) as Record<string, unknown>;
    const keys = Object.keys(copy);
    const target = keys.length > 0 && key.length % 2 === 0 ? keys[key.length % keys.length]! : key;
    if (value === undefined) delete copy[target];
    else copy[target] = value;
    return copy;
  });
  return fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutated, fc.constantFrom(...real));
}

/** Byte mutations: flips, cuts and inserted junk, as a damaged download or a hostile file would have. */
const byteEdits = fc.array(fc.tuple(fc.constantFrom('flip', 'cut', 'insert'), fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 6 });

function mutateBytes(data: Buffer, edits: ReadonlyArray<readonly [string, number, Uint8Array]>): Buffer {
  let out = Buffer.from(data);
  for (const [kind, where, junk] of edits) {
    const at = Math.floor(where * out.length);
    if (kind === 'flip' && out.length > 0) out[Math.min(at, out.length - 1)]! ^= junk[0]! || 1;
    else if (kind === 'cut') out = out.subarray(0, at);
    else out = Buffer.concat([out.subarray(0, at), Buffer.from(junk), out.subarray(at)]);
  }
  return out;
}

describe('importers under random and mutated records', () => {
  it('Telegram result.json: every record becomes a message or a counted skip', async () => {
    const base = json('telegram/result.json');
    const real = base.messages as unknown[];
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb(real), { maxLength: 25 }), async (messages) => {
        const result = await importOrError(write('result.json', JSON.stringify({ ...base, messages })), 'telegram');
        if (result !== 'refused') expect(result.messages + result.skips).toBeGreaterThanOrEqual(messages.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('Discord (DiscordChatExporter JSON): every record becomes a message or a counted skip', async () => {
    const base = json('discord/guild-general.json');
    const real = base.messages as unknown[];
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb(real), { maxLength: 25 }), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), async (messages, channel) => {
        const doc = channel === undefined ? { ...base, messages } : { ...base, channel, messages };
        const result = await importOrError(write('guild.json', JSON.stringify(doc)), 'discord');
        if (result !== 'refused') expect(result.messages + result.skips).toBeGreaterThanOrEqual(messages.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('Slack export zip: random day files, users and channels lists', async () => {
    const entries = folderEntries(path.join(FIXTURES, 'slack'));
    const day = entries.find((e) => e.name.endsWith('2024-03-01.json'))!;
    const real = JSON.parse(String(day.data)) as unknown[];
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb(real), { maxLength: 25 }),
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        fc.constantFrom('users.json', 'channels.json', 'dms.json'),
        async (records, header, headerName) => {
          const zipped = entries.map((e) => (e === day ? { name: e.name, data: JSON.stringify(records) } : header !== undefined && e.name === headerName ? { name: e.name, data: JSON.stringify(header) } : e));
          await importOrError(write('export.zip', zipBuffer(zipped)), 'slack');
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('importers under damaged bytes', () => {
  const cases: Array<[string, ScanFormat, () => Buffer, string]> = [
    ['Telegram JSON', 'telegram', () => readFileSync(path.join(FIXTURES, 'telegram/result.json')), 'result.json'],
    ['Discord JSON', 'discord', () => readFileSync(path.join(FIXTURES, 'discord/dm-mallory.json')), 'dm.json'],
    ['Slack zip', 'slack', () => zipBuffer(folderEntries(path.join(FIXTURES, 'slack'))), 'export.zip'],
    ['mbox', 'mbox', () => readFileSync(path.join(FIXTURES, 'email/inbox.mbox')), 'inbox.mbox'],
    ['eml', 'eml', () => readFileSync(path.join(FIXTURES, 'email/threat.eml')), 'threat.eml'],
  ];
  it.each(cases)('%s: flipped, cut and inserted bytes give a clear error or counted skips', async (_what, format, bytes, name) => {
    const original = bytes();
    await fc.assert(
      fc.asyncProperty(byteEdits, async (edits) => {
        await importOrError(write(name, mutateBytes(original, edits)), format);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([['mbox' as const, 'inbox.mbox'], ['eml' as const, 'threat.eml']])('%s: random text and random headers', async (format, name) => {
    const header = fc.tuple(fc.constantFrom('From', 'To', 'Date', 'Subject', 'Message-ID', 'Content-Type', 'Content-Transfer-Encoding', 'X-Junk'), fc.string({ maxLength: 60 }));
    await fc.assert(
      fc.asyncProperty(fc.array(header, { maxLength: 8 }), fc.string({ maxLength: 400 }), fc.boolean(), async (headers, body, separator) => {
        const mail = `${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}\r\n`;
        await importOrError(write(name, `${separator && format === 'mbox' ? 'From someone@example.org Fri Mar  1 09:00:00 2024\n' : ''}${mail}`), format);
      }),
      { numRuns: RUNS },
    );
  });
});
