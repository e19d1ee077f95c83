import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTelegram } from '../../src/scan/telegram.js';
import { drain, FIXTURES } from './helpers.js';

describe('Telegram Desktop result.json', () => {
  it('reads a personal chat: text arrays, replies, edits, attachments, and counts service and empty records', async () => {
    const source = await openTelegram(path.join(FIXTURES, 'telegram/result.json'));
    expect(source.directory).toEqual([{ id: '2002', displayName: 'Mallory Stone' }]);
    const { messages, skips } = await drain(source);
    expect(messages.map((m) => m.messageId)).toEqual(['102', '103', '104', '105', '106', '108']);
    expect(skips.map((s) => s.reason)).toEqual(['service message', 'message with no text']);
    expect(skips[0]!.position).toBe('result.json messages[0]');

    const threat = messages.find((m) => m.messageId === '104')!;
    expect(threat.text).toBe('I know where you live, Alice. Ask @alice_friend or Bob, see this');
    expect(threat.author).toEqual({ id: '2002', displayName: 'Mallory Stone' });
    expect(threat.mentions).toEqual(['3003']);
    expect(threat.replyTo).toEqual({ messageId: '103' });
    expect(threat.sentAt).toBe('2024-03-01T09:07:00.000Z');
    expect(threat.editedAt).toBe('2024-03-01T09:09:30.000Z');
    expect(threat.isDirect).toBe(true);
    expect(threat.channelId).toBe('2002');
    expect((threat.extra?.telegram as Record<string, unknown>).mentionedUsernames).toEqual(['alice_friend']);
    expect((threat.extra?.telegram as Record<string, unknown>).links).toEqual(['https://example.org/map']);

    const own = messages.find((m) => m.messageId === '103')!;
    expect(own.author.id).toBe('1001');
    expect(own.dmOwnerId).toBe('2002');
    expect(threat.dmOwnerId).toBeUndefined();

    const photo = messages.find((m) => m.messageId === '105')!;
    expect(photo.text).toBe('');
    expect(photo.attachments).toEqual([{ name: 'photos/photo_1@01-03-2024_09-10-00.jpg', contentType: 'image/jpeg', size: 48213 }]);
    const voice = messages.find((m) => m.messageId === '106')!;
    expect(voice.attachments[0]).toMatchObject({ name: 'voice.ogg (not included in the export)', contentType: 'audio/ogg' });
  });

  it('names a supergroup as the Bot API does and keeps mention_name user ids', async () => {
    const { messages, skips } = await drain(await openTelegram(path.join(FIXTURES, 'telegram/group/result.json')));
    expect(skips).toHaveLength(1);
    expect(messages).toHaveLength(5);
    expect(messages[0]!.channelId).toBe('-1001777000111');
    expect(messages[0]!.workspaceId).toBe('-1001777000111');
    expect(messages[0]!.isDirect).toBe(false);
    expect(messages.find((m) => m.messageId === '14')!.mentions).toEqual(['1001']);
  });
});
