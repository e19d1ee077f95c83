// Builders for the Telegram updates the tests push into the fake server.
export interface TgUserLike {
  id: number;
  first_name: string;
  username?: string;
}

export const GROUP = { id: -1001234567890, type: 'supergroup', title: 'Book club' } as const;

let nextMessageId = 1;
const now = (): number => Math.floor(Date.now() / 1000);

export function privateChat(user: TgUserLike) {
  return { id: user.id, type: 'private', first_name: user.first_name };
}

export function command(from: TgUserLike, text: string, chat: Record<string, unknown> = privateChat(from)) {
  const name = text.split(/\s/u)[0]!;
  return { message: { message_id: nextMessageId++, date: now(), chat, from, text, entities: [{ type: 'bot_command', offset: 0, length: name.length }] } };
}

export function groupText(from: TgUserLike, text: string, options: { mention?: TgUserLike; textMention?: TgUserLike; replyTo?: { message_id: number; from: TgUserLike }; chat?: Record<string, unknown> } = {}) {
  const entities: unknown[] = [];
  let body = text;
  if (options.mention?.username) {
    entities.push({ type: 'mention', offset: body.length + 1, length: options.mention.username.length + 1 });
    body = `${body} @${options.mention.username}`;
  }
  if (options.textMention) {
    entities.push({ type: 'text_mention', offset: body.length + 1, length: options.textMention.first_name.length, user: options.textMention });
    body = `${body} ${options.textMention.first_name}`;
  }
  const message: Record<string, unknown> = { message_id: nextMessageId++, date: now(), chat: options.chat ?? GROUP, from, text: body, entities };
  if (options.replyTo) message['reply_to_message'] = { ...options.replyTo, date: now(), chat: options.chat ?? GROUP, text: 'earlier' };
  return { message };
}

export function forwarded(to: TgUserLike, original: TgUserLike, text: string) {
  return { message: { message_id: nextMessageId++, date: now(), chat: privateChat(to), from: to, text, forward_origin: { type: 'user', date: now() - 3600, sender_user: original } } };
}

export function callback(from: TgUserLike, data: string) {
  return { callback_query: { id: `cb${nextMessageId++}`, from, chat_instance: '1', data, message: { message_id: 1, date: now(), chat: privateChat(from) } } };
}

export function businessMessage(connectionId: string, other: TgUserLike, text: string, messageId = nextMessageId++) {
  return { business_message: { business_connection_id: connectionId, message_id: messageId, date: now(), chat: privateChat(other), from: other, text } };
}
