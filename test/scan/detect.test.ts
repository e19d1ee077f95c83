import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, formatFromHead } from '../../src/scan/detect.js';
import { tempDir } from '../helpers/temp-dir.js';
import { FIXTURES } from './helpers.js';
import { zipFolder } from './zip-writer.js';

const tmp = (): string => tempDir('detect');

describe('format auto-detection', () => {
  it('recognises every fixture by its first bytes or its file list', async () => {
    const dir = tmp();
    const cases: Array<[string, string]> = [
      [path.join(FIXTURES, 'telegram/result.json'), 'telegram'],
      [path.join(FIXTURES, 'telegram/group'), 'telegram'],
      [path.join(FIXTURES, 'discord/guild-general.json'), 'discord'],
      [path.join(FIXTURES, 'discord'), 'discord'],
      [path.join(FIXTURES, 'discord-package'), 'discord-package'],
      [zipFolder(path.join(FIXTURES, 'discord-package'), path.join(dir, 'package.zip')), 'discord-package'],
      [path.join(FIXTURES, 'slack'), 'slack'],
      [zipFolder(path.join(FIXTURES, 'slack'), path.join(dir, 'Acme Slack export Mar 1 2024.zip')), 'slack'],
      [path.join(FIXTURES, 'email/inbox.mbox'), 'mbox'],
      [path.join(FIXTURES, 'email/threat.eml'), 'eml'],
    ];
    for (const [file, format] of cases) expect([file, await detectFormat(file)]).toEqual([file, format]);
  });

  it('does not trust the extension alone', async () => {
    const dir = tmp();
    const renamed = path.join(dir, 'export.txt');
    writeFileSync(renamed, '\uFEFF{\n "name": "X",\n "type": "private_supergroup",\n "id": 1,\n "messages": []\n}');
    expect(await detectFormat(renamed)).toBe('telegram');
    const zipNamedJson = zipFolder(path.join(FIXTURES, 'slack'), path.join(dir, 'slack.json'));
    expect(await detectFormat(zipNamedJson)).toBe('slack');
  });

  it('explains what a file is when it is a part of an export, or nothing it knows', () => {
    expect(formatFromHead('messages.json', Buffer.from('[{"ID": 1, "Timestamp": "2024-01-01 00:00:00", "Contents": "x"}]'))).toEqual({ problem: expect.stringMatching(/whole package/) });
    expect(formatFromHead('2024-03-01.json', Buffer.from('[{"type": "message", "ts": "1709283600.000100"}]'))).toEqual({ problem: expect.stringMatching(/whole workspace export/) });
    expect(formatFromHead('notes.txt', Buffer.from('just some notes\nnothing here'))).toEqual({ problem: expect.stringMatching(/not a format/) });
    expect(formatFromHead('data.json', Buffer.from('{"hello": "world"}'))).toEqual({ problem: expect.stringMatching(/neither a Telegram/) });
  });

  it('refuses garbage, empty files and unrelated zips with the file named', async () => {
    const dir = tmp();
    const garbage = path.join(dir, 'photo.jpg');
    writeFileSync(garbage, Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 2000 }, (_, i) => (i * 31) % 256)]));
    await expect(detectFormat(garbage)).rejects.toThrow(/photo\.jpg: unknown format: binary data/);
    const empty = path.join(dir, 'empty.json');
    writeFileSync(empty, '');
    await expect(detectFormat(empty)).rejects.toThrow(/empty\.json: unknown format: the file is empty/);
    const other = zipFolder(path.join(FIXTURES, 'email'), path.join(dir, 'mail.zip'));
    await expect(detectFormat(other)).rejects.toThrow(/mail\.zip: unknown format: a zip holding neither .* \(2 files: inbox\.mbox, threat\.eml\)/);
    const broken = path.join(dir, 'broken.zip');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]));
    await expect(detectFormat(broken)).rejects.toThrow(/broken\.zip: not a readable zip/);
  });
});
