import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseMessage } from '../../../adapters/discord/normalise.js';
import { messagePayload, newSnowflake, user, type FakeGuild } from '../../fakes/discord/index.js';
import { addDmChannel, addGuild, buildMessage, offlineClient } from './build-message.js';

const client = offlineClient();
afterAll(() => client.destroy());

const guild: FakeGuild = { id: '81384788765712384', name: 'Server', memberCount: 1234, ownerId: newSnowflake(), channels: [{ id: '381870553235193857', name: 'general' }] };
addGuild(client, guild);
const channelId = guild.channels[0]!.id;
const alice = user('80351110224678912', 'alice', { global_name: 'Alice A.' });
const mallory = user('175928847299117063', 'mallory');

function normalise(payload: Record<string, unknown>, context = {}) {
  return normaliseMessage(buildMessage(client, payload), context);
}

function ok(payload: Record<string, unknown>, context = {}) {
  const result = normalise(payload, context);
  if (!result.ok) throw new Error(`skipped: ${result.reason}`);
  return result.message;
}

describe('Discord normaliser', () => {
  it('keeps ids that differ only past 2^53 distinct, as the exact strings Discord sent', () => {
    const a = '1234567890123456789';
    const b = '1234567890123456788';
    expect(Number(a)).toBe(Number(b)); // what would go wrong through Number
    const first = ok(messagePayload({ id: a, channelId, guildId: guild.id, author: user(b, 'x'), content: 'a' }));
    const second = ok(messagePayload({ id: b, channelId, guildId: guild.id, author: user(a, 'y'), content: 'b' }));
    expect([first.messageId, second.messageId]).toEqual([a, b]);
    expect([first.author.id, second.author.id]).toEqual([b, a]);
  });

  it('dates the message and the author\'s account from their snowflakes', () => {
    const message = ok(messagePayload({ id: '175928847299117063', channelId, guildId: guild.id, author: mallory, content: 'hi' }));
    // Discord's documented example: 175928847299117063 was minted at 2016-04-30 11:18:25.796 UTC.
    expect(message.sentAt).toBe('2016-04-30T11:18:25.796Z');
    expect(message.author.createdAt).toBe('2016-04-30T11:18:25.796Z');
  });

  it('describes a server message: workspace, channel, mentions, audience, permalink, member nickname', () => {
    const message = ok(messagePayload({ channelId, guildId: guild.id, author: mallory, content: 'hey <@80351110224678912>', mentions: [alice], nick: 'Mal' }));
    expect(message).toMatchObject({
      platform: 'discord',
      workspaceId: guild.id,
      channelId,
      channelName: 'general',
      mentions: [alice.id],
      isDirect: false,
      audience: { count: 1234 },
      author: { id: mallory.id, displayName: 'Mal', isBot: false },
    });
    expect(message.permalink).toBe(`https://discord.com/channels/${guild.id}/${channelId}/${message.messageId}`);
    expect(message.dmOwnerId).toBeUndefined();
  });

  it('describes a DM: no workspace, @me permalink, the viewer as DM owner', () => {
    const dm = newSnowflake();
    addDmChannel(client, dm, mallory);
    const message = ok(messagePayload({ channelId: dm, author: mallory, content: 'psst', channelType: 1 }), { viewerId: alice.id });
    expect(message).toMatchObject({ isDirect: true, dmOwnerId: alice.id, audience: { count: 2 } });
    expect(message.workspaceId).toBeUndefined();
    expect(message.permalink).toBe(`https://discord.com/channels/@me/${dm}/${message.messageId}`);
    expect(message.author.displayName).toBe('mallory');
  });

  it('takes the guild from the context when the payload omits it (messages resolved in an interaction)', () => {
    const message = ok(messagePayload({ channelId: newSnowflake(), author: mallory, content: 'x' }), { guildId: guild.id, viewerId: alice.id });
    expect(message).toMatchObject({ workspaceId: guild.id, isDirect: false });
    expect(message.dmOwnerId).toBeUndefined();
  });

  it('records a reply with the replied-to author, and a reply to a vanished message without one', () => {
    const original = newSnowflake();
    const reply = ok(messagePayload({ channelId, guildId: guild.id, author: mallory, content: 'no', replyTo: { id: original, author: alice } }));
    expect(reply.replyTo).toEqual({ messageId: original, authorId: alice.id });
    const orphanPayload = messagePayload({ channelId, guildId: guild.id, author: mallory, content: 'no', replyTo: { id: original, author: alice } });
    delete orphanPayload.referenced_message;
    expect(ok(orphanPayload).replyTo).toEqual({ messageId: original });
  });

  it('does not treat a forward as a reply', () => {
    const payload = messagePayload({ channelId, guildId: guild.id, author: mallory, content: '' });
    payload.message_reference = { type: 1, message_id: newSnowflake(), channel_id: newSnowflake() };
    expect(ok(payload).replyTo).toBeUndefined();
  });

  it('keeps attachment metadata and the edit time', () => {
    const message = ok(
      messagePayload({
        channelId,
        guildId: guild.id,
        author: mallory,
        content: 'look',
        attachments: [{ id: newSnowflake(), filename: 'photo.jpg', size: 2048, content_type: 'image/jpeg' }],
        editedTimestamp: '2025-01-02T03:04:05.678000+00:00',
      }),
    );
    expect(message.attachments).toEqual([{ name: 'photo.jpg', size: 2048, contentType: 'image/jpeg', url: expect.stringContaining('photo.jpg') }]);
    expect(message.editedAt).toBe('2025-01-02T03:04:05.678Z');
  });

  it('skips, with a reason, what it cannot use', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['partial', { id: newSnowflake(), channel_id: channelId }, /partial/],
      ['join notice', { ...messagePayload({ channelId, guildId: guild.id, author: mallory, content: '' }), type: 7 }, /not a message a person wrote/],
      ['author id not a snowflake', messagePayload({ channelId, guildId: guild.id, author: user('abc', 'x'), content: 'x' }), /author id/],
      ['author id as a JSON number', messagePayload({ channelId, guildId: guild.id, author: { ...mallory, id: 175928847299117060 as unknown as string }, content: 'x' }), /author id/],
      ['message id not a snowflake', messagePayload({ id: '12'.repeat(11), channelId, guildId: guild.id, author: mallory, content: 'x' }), /message id/],
    ];
    for (const [name, payload, reason] of cases) {
      const result = normalise(payload);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.reason, name).toMatch(reason);
    }
  });

  it('never throws on mutated payloads', () => {
    const field = fc.constantFrom('id', 'channel_id', 'guild_id', 'author', 'content', 'mentions', 'attachments', 'type', 'edited_timestamp', 'message_reference', 'referenced_message', 'channel_type');
    const junk = fc.oneof(fc.anything(), fc.string(), fc.bigInt().map(String), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(field, junk, { maxKeys: 4 }), (mutation) => {
        const payload = { ...messagePayload({ channelId, guildId: guild.id, author: mallory, content: 'x', mentions: [alice] }), ...mutation };
        let message;
        try {
          message = buildMessage(client, payload);
        } catch {
          return; // discord.js itself refused the payload; nothing reaches the normaliser
        }
        const result = normaliseMessage(message);
        if (result.ok) expect(typeof result.message.messageId).toBe('string');
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
