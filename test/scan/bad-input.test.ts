import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSource } from '../../src/scan/open-source.js';
import { SCAN_FORMATS, ScanInputError } from '../../src/scan/types.js';
import { tempDir } from '../helpers/temp-dir.js';
import { drain } from './helpers.js';
import { zipBuffer } from './zip-writer.js';

const tmp = (): string => tempDir('bad');
const garbage = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + (i >> 3)) % 256));

/** Opens and reads a source; answers what it yielded, or the ScanInputError that stopped it. Anything else fails the test. */
async function attempt(file: string, format: (typeof SCAN_FORMATS)[number]): Promise<{ error?: ScanInputError; messages: number; skips: number }> {
  try {
    const { messages, skips } = await drain(await openSource(file, format));
    return { messages: messages.length, skips: skips.length };
  } catch (error) {
    if (!(error instanceof ScanInputError)) throw error;
    return { error, messages: 0, skips: 0 };
  }
}

describe('bad input never crashes a scan', () => {
  it('binary garbage forced through every importer: a clear error naming the file, or nothing read', async () => {
    const dir = tmp();
    const file = path.join(dir, 'garbage.bin');
    writeFileSync(file, garbage);
    for (const format of SCAN_FORMATS) {
      const result = await attempt(file, format);
      expect(result.messages, format).toBe(0);
      if (result.error) expect(result.error.message, format).toMatch(/garbage\.bin/);
    }
  });

  it('odd records inside valid JSON become counted skips', async () => {
    const dir = tmp();
    const file = path.join(dir, 'result.json');
    const messages = [
      null,
      42,
      'text',
      [],
      { type: 'message' },
      { id: 5, type: 'message', date_unixtime: 'soon', from_id: 'user1', text: 'x' },
      { id: 6, type: 'message', date_unixtime: '1709283600', text: 'no sender' },
      { id: 7, type: 'message', date_unixtime: '1709283600', from_id: 'user1', text: [{ type: 'bold' }, 7, null, 'ok'] },
      { id: 8, type: 'sticker_set' },
    ];
    writeFileSync(file, JSON.stringify({ name: 'X', type: 'private_group', id: 9, messages }));
    const { messages: read, skips } = await drain(await openSource(file, 'telegram'));
    // JSON numbers are kept as their digits, like the strings around them.
    expect(read.map((m) => m.text)).toEqual(['7ok']);
    expect(skips.map((s) => s.reason)).toEqual([
      'not a message record',
      'not a message record',
      'not a message record',
      'not a message record',
      'message without id',
      'message without a date',
      'message without a sender',
      "unknown record type 'sticker_set'",
    ]);
  });

  it('invalid UTF-8 inside a JSON export is read with replacement characters, not refused', async () => {
    const dir = tmp();
    const file = path.join(dir, 'dm.json');
    const head = Buffer.from('{"guild":{"id":"0","name":"Direct Messages"},"channel":{"id":"951234567890123456","type":"DirectTextChat","name":"x"},"messages":[{"id":"1201234567890123450","type":"Default","timestamp":"2024-05-01T09:06:00+00:00","content":"bad ');
    const tail = Buffer.from(' bytes","author":{"id":"381234567890123456","name":"m"},"attachments":[],"mentions":[]}]}');
    writeFileSync(file, Buffer.concat([head, Buffer.from([0xc3, 0x28, 0xff]), tail]));
    const { messages } = await drain(await openSource(file, 'discord'));
    expect(messages[0]!.text).toMatch(/^bad .*\uFFFD.* bytes$/);
  });

  it('a zip entry whose data is damaged is named as an unreadable file; the rest is read', async () => {
    const dir = tmp();
    const zip = zipBuffer([
      { name: 'users.json', data: '[{"id":"U1","team_id":"T1","name":"a"}]' },
      { name: 'channels.json', data: '[{"id":"C1","name":"general","members":["U1"]}]' },
      { name: 'general/2024-03-01.json', data: JSON.stringify([{ type: 'message', user: 'U1', text: 'kept', ts: '1709283600.000100' }]) },
      { name: 'general/2024-03-02.json', data: JSON.stringify([{ type: 'message', user: 'U1', text: 'lost', ts: '1709370000.000100' }]) },
    ]);
    // Corrupt the deflated bytes of the second day's file.
    const at = zip.indexOf(Buffer.from('general/2024-03-02.json')) + 'general/2024-03-02.json'.length + 2;
    zip.fill(0xee, at, at + 6);
    const file = path.join(dir, 'damaged.zip');
    writeFileSync(file, zip);
    const { messages, skips } = await drain(await openSource(file, 'slack'));
    expect(messages.map((m) => m.text)).toEqual(['kept']);
    expect(skips).toHaveLength(1);
    expect(skips[0]!.reason).toMatch(/^unreadable file: /);
    expect(skips[0]!.position).toMatch(/^general\/2024-03-02\.json/);
  });

  it('an mbox with no separators or a missing sender counts skips', async () => {
    const dir = tmp();
    const file = path.join(dir, 'odd.mbox');
    writeFileSync(file, 'From nobody Mon Jan  1 00:00:00 2024\nSubject: no from header\n\nbody\n\nFrom x@y\nFrom: x@y.example\nDate: not a date\n\nsome text\n');
    const { messages, skips } = await drain(await openSource(file, 'mbox'));
    expect(messages).toHaveLength(0);
    expect(skips.map((s) => s.reason)).toEqual(['mail without a sender address', 'mail without a date']);
    expect(skips[1]!.position).toBe('odd.mbox mail #2 (line 6)');
  });
});
