import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDiscordExporter } from '../../src/scan/discord-exporter.js';
import { drain, FIXTURES } from './helpers.js';

describe('DiscordChatExporter JSON', () => {
  it('reads a guild channel: mentions, replies, edits, attachments and stickers; counts joins and empty messages', async () => {
    const { messages, skips, people } = await drain(await openDiscordExporter(path.join(FIXTURES, 'discord/guild-general.json')));
    expect(messages.map((m) => m.messageId)).toEqual(['1201234567890123402', '1201234567890123403', '1201234567890123404', '1201234567890123405']);
    expect(skips.map((s) => s.reason)).toEqual(['service message', 'message with no text']);
    expect(skips[1]!.position).toBe('guild-general.json messages[5]');
    const reply = messages[1]!;
    expect(reply).toMatchObject({
      platform: 'discord',
      workspaceId: '801234567890123456',
      channelId: '901234567890123456',
      channelName: 'general',
      text: 'nobody wants to see your ugly drawings, just leave',
      sentAt: '2024-05-01T09:07:12.345Z',
      editedAt: '2024-05-01T09:08:00.000Z',
      mentions: ['291234567890123456'],
      replyTo: { messageId: '1201234567890123402' },
      isDirect: false,
      permalink: 'https://discord.com/channels/801234567890123456/901234567890123456/1201234567890123403',
    });
    expect(reply.author.id).toBe('381234567890123456');
    expect(reply.author.displayName).toBe('Mallory');
    // Account creation time comes from the snowflake: (id >> 22) + Discord's epoch.
    expect(reply.author.createdAt).toBe(new Date(Number((381234567890123456n >> 22n) + 1420070400000n)).toISOString());
    expect(messages[0]!.attachments).toEqual([
      { name: 'sketch.png', size: 204800, url: 'https://cdn.discordapp.com/attachments/901234567890123456/1201234567890129999/sketch.png' },
    ]);
    expect(messages[3]!.attachments[0]!.name).toBe('sticker: Choco');
    expect(people).toContainEqual({ id: '291234567890123456', displayName: 'Alice' });
  });

  it('marks a DM export as direct, with no guild', async () => {
    const { messages, skips } = await drain(await openDiscordExporter(path.join(FIXTURES, 'discord/dm-mallory.json')));
    expect(messages).toHaveLength(2);
    expect(skips.map((s) => s.reason)).toEqual(['service message']);
    expect(messages[0]!.isDirect).toBe(true);
    expect(messages[0]!.workspaceId).toBeUndefined();
    expect(messages[0]!.permalink).toBe('https://discord.com/channels/@me/951234567890123456/1201234567890123450');
  });

  it('merges a folder of channel exports by time', async () => {
    const { messages } = await drain(await openDiscordExporter(path.join(FIXTURES, 'discord')));
    const times = messages.map((m) => m.sentAt);
    expect(times).toEqual([...times].sort());
    expect(messages).toHaveLength(6);
    expect(messages[1]!.channelId).toBe('951234567890123456');
  });
});
