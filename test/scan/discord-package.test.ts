import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDiscordPackage } from '../../src/scan/discord-package.js';
import { tempDir } from '../helpers/temp-dir.js';
import { drain, FIXTURES } from './helpers.js';
import { zipFolder } from './zip-writer.js';

const PACKAGE = path.join(FIXTURES, 'discord-package');

describe('Discord data package', () => {
  for (const kind of ['folder', 'zip'] as const) {
    it(`reads every channel of the owner's messages in time order (${kind})`, async () => {
      const file = kind === 'folder' ? PACKAGE : zipFolder(PACKAGE, path.join(tempDir('pkg'), 'package.zip'));
      const source = await openDiscordPackage(file);
      expect(source.directory).toEqual([{ id: '381234567890123456', displayName: 'Mallory' }]);
      expect(source.notes[0]).toMatch(/only the messages its owner/);
      const { messages, skips, people } = await drain(source);
      expect(messages.map((m) => m.sentAt)).toEqual([...messages.map((m) => m.sentAt)].sort());
      expect(messages.every((m) => m.author.id === '381234567890123456')).toBe(true);
      expect(messages).toHaveLength(6);
      expect(skips.map((s) => s.reason).sort()).toEqual(['message with no text', 'unexpected file in the export']);
      expect(skips.find((s) => s.reason === 'unexpected file in the export')!.position).toBe('messages/c871234567890123456/notes.txt');
      expect(people).toContainEqual({ id: '291234567890123456', displayName: 'Direct Message with alice.e#0' });

      const dm = messages.find((m) => m.messageId === '1201234567890123450')!;
      expect(dm).toMatchObject({ isDirect: true, dmOwnerId: '291234567890123456', sentAt: '2024-05-01T09:06:00.000Z', text: 'saw your sketch. you should quit' });
      const photo = messages.find((m) => m.messageId === '1201234567890123455')!;
      expect(photo.attachments).toEqual([{ name: 'your house.jpg', url: 'https://cdn.discordapp.com/attachments/951234567890123456/1201234567890123999/your%20house.jpg' }]);
      const mention = messages.find((m) => m.messageId === '1201234567890123403')!;
      expect(mention).toMatchObject({ isDirect: false, workspaceId: '801234567890123456', channelName: 'general', mentions: ['291234567890123456'], sentAt: '2024-05-01T09:07:12.345Z' });
      expect(messages.find((m) => m.messageId === '1201234567890123409')!.text).toBe('a "quoted" word\nand a second line');
    });
  }

  it('refuses a zip that is not a data package', async () => {
    const dir = tempDir('pkg');
    const file = zipFolder(path.join(FIXTURES, 'telegram/group'), path.join(dir, 'other.zip'));
    await expect(openDiscordPackage(file)).rejects.toThrow(/not a Discord data package/);
  });
});
