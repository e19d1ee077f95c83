import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedUpdate } from '../../adapters/telegram/raw.js';
import { classifyUpdate, type UpdateContext } from '../../adapters/telegram/update.js';

const ctx: UpdateContext = {
  botId: 999,
  botUsername: 'acts_bot',
  userIdFor: (name) => ({ vera_v: '501' })[name.toLowerCase()],
  businessOwner: (id) => (id === 'biz' ? 501 : undefined),
  now: () => Date.parse('2025-03-01T12:00:00Z'),
};

const group = { id: -1001234567890, type: 'supergroup', title: 'Book club' };
const mallory = { id: 666, first_name: 'Mallory', username: 'mal' };

function classify(update: Record<string, unknown>) {
  return classifyUpdate({ update_id: 1, ...update }, ctx);
}

describe('Telegram update normaliser', () => {
  it('turns a group message into a Message with string ids, mentions, reply and link', () => {
    const event = classify({
      message: {
        message_id: 42,
        date: 1740830400,
        chat: group,
        from: mallory,
        text: 'hi @Vera_V and Bob',
        entities: [
          { type: 'mention', offset: 3, length: 7 },
          { type: 'text_mention', offset: 15, length: 3, user: { id: 4503599627370495, first_name: 'Bob' } },
        ],
        reply_to_message: { message_id: 40, date: 1740830000, chat: group, from: { id: 777, first_name: 'Ann' } },
        photo: [{ file_id: 'a', file_size: 10 }, { file_id: 'b', file_size: 2000 }],
      },
    });
    expect(event.kind).toBe('message');
    if (event.kind !== 'message') return;
    expect(event.dedupKey).toBe('msg:-1001234567890:42');
    expect(event.message).toMatchObject({
      platform: 'telegram',
      workspaceId: '-1001234567890',
      channelId: '-1001234567890',
      channelName: 'Book club',
      messageId: '42',
      author: { id: '666', displayName: 'Mallory' },
      sentAt: '2025-03-01T12:00:00.000Z',
      isDirect: false,
      replyTo: { messageId: '40', authorId: '777' },
      permalink: 'https://t.me/c/1234567890/42',
      attachments: [{ name: 'photo.jpg', size: 2000, contentType: 'image/jpeg' }],
      extra: { telegram: { chatId: '-1001234567890', messageId: '42', chatType: 'supergroup' } },
    });
    // Telegram user ids have at most 52 significant bits, so JSON numbers carry them exactly.
    expect(event.message.mentions).toEqual(['501', '4503599627370495']);
  });

  it('uses the caption of media and ignores service messages', () => {
    const media = classify({ message: { message_id: 1, date: 1, chat: group, from: mallory, caption: 'look', document: { file_name: 'a.pdf', mime_type: 'application/pdf', file_size: 5 } } });
    expect(media.kind === 'message' && media.message.text).toBe('look');
    expect(media.kind === 'message' && media.message.attachments).toEqual([{ name: 'a.pdf', contentType: 'application/pdf', size: 5 }]);
    expect(classify({ message: { message_id: 2, date: 1, chat: group, from: mallory, new_chat_members: [] } }).kind).toBe('ignore');
  });

  it('reads commands, with or without the bot name, and ignores those for other bots', () => {
    const privateChat = { id: 501, type: 'private', first_name: 'Vera' };
    const vera = { id: 501, first_name: 'Vera' };
    expect(classify({ message: { message_id: 1, date: 1, chat: privateChat, from: vera, text: '/rules add word birthday' } })).toMatchObject({ kind: 'command', name: 'rules', args: 'add word birthday' });
    expect(classify({ message: { message_id: 1, date: 1, chat: group, from: vera, text: '/Watch@ACTS_bot on' } })).toMatchObject({ kind: 'command', name: 'watch', args: 'on' });
    expect(classify({ message: { message_id: 1, date: 1, chat: group, from: vera, text: '/watch@other_bot on' } }).kind).toBe('message');
    expect(classify({ message: { message_id: 1, date: 1, chat: group, from: mallory, text: '/shrug you' } }).kind).toBe('message');
  });

  it('a forward to the bot is a document request whose author is the original sender', () => {
    const vera = { id: 501, first_name: 'Vera' };
    const event = classify({ message: { message_id: 3, date: 1740830400, chat: { id: 501, type: 'private' }, from: vera, text: 'x', forward_origin: { type: 'user', date: 1740826800, sender_user: mallory } } });
    expect(event).toMatchObject({ kind: 'document', message: { author: { id: '666' }, sentAt: '2025-03-01T11:00:00.000Z', isDirect: true, dmOwnerId: '501' } });
    const hidden = classify({ message: { message_id: 4, date: 1, chat: { id: 501, type: 'private' }, from: vera, text: 'x', forward_origin: { type: 'hidden_user', date: 1, sender_user_name: 'Anon' } } });
    expect(hidden.kind === 'document' && hidden.message.author.id).toMatch(/^hidden_[0-9a-f]{16}$/);
  });

  it('Business messages belong to the connection owner; edits and deletions refer to them', () => {
    const chat = { id: 666, type: 'private', first_name: 'Mallory' };
    const event = classify({ business_message: { business_connection_id: 'biz', message_id: 7, date: 1, chat, from: mallory, text: 'hey' } });
    expect(event).toMatchObject({ kind: 'message', dedupKey: 'bmsg:501:666:7', message: { isDirect: true, dmOwnerId: '501', channelId: '501:666', messageId: '7' } });
    expect(classify({ edited_business_message: { business_connection_id: 'biz', message_id: 7, date: 1, edit_date: 60, chat, from: mallory, text: 'x' } })).toMatchObject({
      kind: 'edit',
      ref: { platform: 'telegram', messageId: '7', channelId: '501:666' },
      edit: { text: 'x', editedAt: '1970-01-01T00:01:00.000Z' },
    });
    expect(classify({ deleted_business_messages: { business_connection_id: 'biz', chat, message_ids: [7, 8] } })).toMatchObject({
      kind: 'delete',
      deletions: [{ ref: { messageId: '7', channelId: '501:666' }, dedupKey: 'bdel:501:666:7' }, { ref: { messageId: '8', channelId: '501:666' } }],
    });
    expect(classify({ business_message: { business_connection_id: 'unknown', message_id: 7, date: 1, chat, from: mallory, text: 'hey' } }).kind).toBe('ignore');
  });

  it('refuses malformed updates with a clear reason', () => {
    expect(() => classifyUpdate({}, ctx)).toThrow(/no update_id/);
    expect(() => classify({ message: { message_id: 'x', date: 1, chat: group } })).toThrow(/message_id/);
    expect(() => classify({ message: { message_id: 1, date: 1, chat: { id: 'x' } } })).toThrow(/chat id/);
    expect(() => classify({ message: { message_id: 1, date: 1, chat: group, text: 5 } })).toThrow(/text is not a string/);
    expect(() => classify({ callback_query: { id: 'q', from: {} } })).toThrow(/numeric id/);
  });

  it('never crashes on random or mutated updates: it classifies them or says why not', () => {
    const valid = { update_id: 1, message: { message_id: 1, date: 1, chat: group, from: mallory, text: 'hi @vera_v', entities: [{ type: 'mention', offset: 3, length: 7 }] } };
    const mutate = (value: unknown, path: string[], replacement: unknown): unknown => {
      if (path.length === 0) return replacement;
      if (typeof value !== 'object' || value === null) return value;
      const [head, ...rest] = path;
      return { ...(value as Record<string, unknown>), [head!]: mutate((value as Record<string, unknown>)[head!], rest, replacement) };
    };
    const paths = [['message'], ['message', 'chat'], ['message', 'from'], ['message', 'text'], ['message', 'entities'], ['message', 'date'], ['message', 'reply_to_message'], ['message', 'forward_origin'], ['business_message'], ['callback_query']];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything({ withObjectString: true, withNullPrototype: true }), (path, replacement) => {
        try {
          const event = classifyUpdate(mutate(valid, path, replacement), ctx);
          expect(typeof event.kind).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedUpdate);
        }
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.anything(), (update) => {
        try {
          classifyUpdate(update, ctx);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedUpdate);
        }
      }),
      { numRuns: 300 },
    );
  });
});
