import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSlack } from '../../src/scan/slack.js';
import { tempDir } from '../helpers/temp-dir.js';
import { drain, FIXTURES } from './helpers.js';
import { zipFolder } from './zip-writer.js';

const EXPORT = path.join(FIXTURES, 'slack');

describe('Slack workspace export', () => {
  for (const kind of ['folder', 'zip'] as const) {
    it(`merges channels and DMs by time, day by day, with subtypes, files, mentions and threads (${kind})`, async () => {
      const file = kind === 'folder' ? EXPORT : zipFolder(EXPORT, path.join(tempDir('slack'), 'export.zip'));
      const source = await openSlack(file);
      expect(source.workspaceId).toBe('T05TEAM001');
      expect(source.directory).toContainEqual({ id: 'U05MALLO01', displayName: 'Mallory Stone' });
      const { messages, skips } = await drain(source);
      expect(messages.map((m) => m.messageId)).toEqual([
        '1709283700.000200',
        '1709283750.000150',
        '1709283800.000300',
        '1709283810.000310',
        '1709283870.000320',
        '1709283900.000400',
        '1709284000.000500',
        '1709370000.000100',
        '1709370060.000200',
      ]);
      expect(skips.map((s) => s.reason).sort()).toEqual(['deleted message placeholder', 'message with no text', 'service message', 'service message']);
      expect(skips.find((s) => s.reason === 'message with no text')!.position).toBe('random/2024-03-01.json [1]');

      const byId = new Map(messages.map((m) => [m.messageId, m]));
      expect(byId.get('1709283700.000200')!.text).toBe('Quarterly report is up & ready, see the report (https://example.org/q1)');
      expect(byId.get('1709283700.000200')!.replyTo).toBeUndefined();
      const reply = byId.get('1709283800.000300')!;
      expect(reply).toMatchObject({
        workspaceId: 'T05TEAM001',
        channelId: 'C05GENERAL',
        channelName: 'general',
        replyTo: { messageId: '1709283700.000200', authorId: 'U05ALICE01' },
        editedAt: '2024-03-01T09:04:10.000Z',
        sentAt: '2024-03-01T09:03:20.000Z',
        audience: { count: 3 },
        isDirect: false,
      });
      expect(reply.author).toEqual({ id: 'U05MALLO01', displayName: 'Mallory Stone' });
      const broadcast = byId.get('1709283900.000400')!;
      expect(broadcast.mentions).toEqual(['U05ALICE01']);
      expect(broadcast.text).toBe('Thanks @alice, looks good');
      expect((broadcast.extra!.slack as Record<string, unknown>).rawText).toBe('Thanks <@U05ALICE01>, looks good');
      const bot = byId.get('1709284000.000500')!;
      expect(bot.author).toMatchObject({ id: 'B05STANDUP', isBot: true });
      expect(bot.mentions).toEqual([]);
      const dm = byId.get('1709283810.000310')!;
      expect(dm).toMatchObject({ isDirect: true, dmOwnerId: 'U05ALICE01', channelId: 'D05DMALICE1', audience: { userIds: ['U05ALICE01', 'U05MALLO01'] } });
      const upload = byId.get('1709370000.000100')!;
      expect(upload.text).toBe('');
      expect(upload.attachments).toEqual([
        { name: 'alice_home.jpg', size: 183211, contentType: 'image/jpeg', url: 'https://example-team.slack.com/files/U05MALLO01/F05FILE0001/alice_home.jpg' },
        { name: 'file (tombstone)' },
      ]);
    });
  }

  it('merges a day too big to sort in memory file by file, with the same result', async () => {
    const sorted = await drain(await openSlack(EXPORT));
    const merged = await drain(await openSlack(EXPORT, { dayInMemoryBytes: 0 }));
    expect(merged.messages).toEqual(sorted.messages);
    expect(merged.skips.map((s) => s.reason).sort()).toEqual(sorted.skips.map((s) => s.reason).sort());
  });

  it('counts files that do not belong to an export and carries on', async () => {
    const dir = tempDir('slack');
    const file = zipFolder(EXPORT, path.join(dir, 'odd.zip'), [
      { name: 'notes/readme.txt', data: 'hello' },
      { name: 'general/2024-03-03.json', data: '[{"type":"message","text":"cut off' },
      { name: 'random/2024-03-03.json', data: '[{"type":"message","text":"still read","user":"U05BOB0001","ts":"1709456400.000100"}]' },
    ]);
    const { messages, skips } = await drain(await openSlack(file));
    expect(messages.at(-1)!.text).toBe('still read');
    expect(skips).toContainEqual({ reason: 'unexpected file in the export', position: 'notes/readme.txt' });
    const broken = skips.find((s) => s.reason.startsWith('unreadable file'))!;
    expect(broken.reason).toMatch(/truncated/);
    expect(broken.position).toMatch(/^general\/2024-03-03\.json near byte \d+/);
  });

  it('refuses a zip without users.json', async () => {
    const dir = tempDir('slack');
    const file = zipFolder(path.join(EXPORT, 'general'), path.join(dir, 'x.zip'));
    await expect(openSlack(file)).rejects.toThrow(/not a Slack workspace export/);
  });
});
