// A Telegram message → the core Message. Ids stay strings. Telegram message ids are unique only within a
// chat, and the archive keys a message by (platform, messageId, channelId), so channelId must name the
// chat uniquely: the chat id, or `owner:chat` for a Business chat (the chat id there is the other person's
// id, the same for every Business owner they write to).
import { createHash } from 'node:crypto';
import type { Attachment, Message, Person } from '../../src/core/types.js';
import { displayName, isId, isObject, type TgChat, type TgEntity, type TgMessage, type TgOrigin, type TgUser } from './raw.js';

export interface MessageContext {
  botId: number;
  /** The id of a person known by @username, where the adapter has seen them. */
  userIdFor(username: string): string | undefined;
}

export interface Placement {
  /** Set for Business messages: the account owner whose private chat this is. */
  businessOwnerId?: number;
  businessConnectionId?: string;
}

export function chatScopedId(chat: TgChat, messageId: number, placement: Placement = {}): { channelId: string; messageId: string } {
  const channelId = placement.businessOwnerId !== undefined ? `${placement.businessOwnerId}:${chat.id}` : String(chat.id);
  return { channelId, messageId: String(messageId) };
}

export function toMessage(raw: TgMessage, ctx: MessageContext, placement: Placement = {}): Message {
  const { channelId, messageId } = chatScopedId(raw.chat, raw.message_id, placement);
  const isGroup = raw.chat.type === 'group' || raw.chat.type === 'supergroup';
  const text = typeof raw.text === 'string' ? raw.text : typeof raw.caption === 'string' ? raw.caption : '';
  const entities = (Array.isArray(raw.entities) ? raw.entities : Array.isArray(raw.caption_entities) ? raw.caption_entities : []) as unknown[];
  const message: Message = {
    platform: 'telegram',
    channelId,
    channelName: isGroup ? (raw.chat.title ?? String(raw.chat.id)).slice(0, 200) : displayName(undefined, raw.chat),
    messageId,
    author: author(raw),
    text,
    sentAt: isoTime(raw.date),
    mentions: mentions(text, entities, ctx),
    attachments: attachments(raw),
    isDirect: !isGroup,
    extra: {
      telegram: {
        chatId: String(raw.chat.id),
        chatType: raw.chat.type,
        messageId: String(raw.message_id),
        ...(placement.businessConnectionId ? { businessConnectionId: placement.businessConnectionId } : {}),
      },
      ...(placement.businessConnectionId ? { businessConnectionId: placement.businessConnectionId } : {}),
    },
  };
  if (isGroup) message.workspaceId = String(raw.chat.id);
  if (placement.businessOwnerId !== undefined) message.dmOwnerId = String(placement.businessOwnerId);
  if (isId(raw.edit_date)) message.editedAt = isoTime(raw.edit_date);
  const link = permalink(raw.chat, raw.message_id);
  if (link) message.permalink = link;
  const reply = raw.reply_to_message;
  if (isObject(reply) && isId(reply.message_id)) {
    const replyAuthor = isObject(reply.from) && isId(reply.from.id) ? String(reply.from.id) : undefined;
    message.replyTo = { messageId: chatScopedId(raw.chat, reply.message_id, placement).messageId, ...(replyAuthor ? { authorId: replyAuthor } : {}) };
  }
  return message;
}

/** A message forwarded to the bot: its author is the original sender, as far as Telegram tells. */
export function forwardedMessage(raw: TgMessage, ctx: MessageContext): Message {
  const base = toMessage(raw, ctx);
  const origin = raw.forward_origin;
  const forwarded: Message = { ...base, channelName: 'forwarded to ACTS', isDirect: true, dmOwnerId: raw.from ? String(raw.from.id) : undefined, mentions: [] };
  delete forwarded.permalink;
  if (isObject(origin) && isId(origin.date)) {
    forwarded.sentAt = isoTime(origin.date);
    forwarded.author = originAuthor(origin) ?? base.author;
    if (origin.type === 'channel' && isObject(origin.chat) && isId(origin.message_id)) {
      const link = permalink(origin.chat, origin.message_id);
      if (link) forwarded.permalink = link;
    }
    forwarded.extra = { ...base.extra, forwardOrigin: originSummary(origin) };
  } else if (isObject(raw.forward_from) && isId(raw.forward_from.id)) {
    forwarded.author = person(raw.forward_from);
    if (isId(raw.forward_date)) forwarded.sentAt = isoTime(raw.forward_date);
  }
  return forwarded;
}

function originAuthor(origin: TgOrigin): Person | undefined {
  switch (origin.type) {
    case 'user':
      return isObject(origin.sender_user) && isId(origin.sender_user.id) ? person(origin.sender_user) : undefined;
    case 'hidden_user': {
      // Telegram hides the id; a stable pseudonymous id per shown name keeps one sender one person.
      const name = typeof origin.sender_user_name === 'string' ? origin.sender_user_name.slice(0, 200) : 'hidden';
      return { id: `hidden_${createHash('sha256').update(name).digest('hex').slice(0, 16)}`, displayName: `${name} (hidden account)` };
    }
    case 'chat':
      return isObject(origin.sender_chat) && isId(origin.sender_chat.id) ? { id: String(origin.sender_chat.id), displayName: displayName(undefined, origin.sender_chat) } : undefined;
    case 'channel':
      return isObject(origin.chat) && isId(origin.chat.id) ? { id: String(origin.chat.id), displayName: displayName(undefined, origin.chat) } : undefined;
    default:
      return undefined;
  }
}

function originSummary(origin: TgOrigin): Record<string, unknown> {
  const summary: Record<string, unknown> = { type: String(origin.type), date: isoTime(origin.date) };
  if (origin.type === 'channel' && isId(origin.message_id)) summary['messageId'] = String(origin.message_id);
  return summary;
}

function person(user: TgUser): Person {
  return { id: String(user.id), displayName: displayName(user), ...(user.is_bot === true ? { isBot: true } : {}) };
}

function author(raw: TgMessage): Person {
  if (isObject(raw.sender_chat) && isId(raw.sender_chat.id)) return { id: String(raw.sender_chat.id), displayName: displayName(undefined, raw.sender_chat) };
  if (raw.from) return person(raw.from);
  return { id: String(raw.chat.id), displayName: displayName(undefined, raw.chat) };
}

function mentions(text: string, entities: unknown[], ctx: MessageContext): string[] {
  const ids = new Set<string>();
  const codeUnits = text.length;
  for (const entity of entities.slice(0, 200)) {
    if (!isObject(entity)) continue;
    const e = entity as unknown as TgEntity;
    if (e.type === 'text_mention' && isObject(e.user) && isId(e.user.id)) ids.add(String(e.user.id));
    if (e.type === 'mention' && isId(e.offset) && isId(e.length) && e.offset >= 0 && e.offset + e.length <= codeUnits) {
      // Entity offsets count UTF-16 code units, which is what String#slice counts too.
      const username = text.slice(e.offset + 1, e.offset + e.length);
      const id = ctx.userIdFor(username);
      if (id) ids.add(id);
    }
  }
  ids.delete(String(ctx.botId));
  return [...ids];
}

const MEDIA: Array<[key: string, name: string]> = [
  ['document', 'document'],
  ['video', 'video'],
  ['audio', 'audio'],
  ['voice', 'voice message'],
  ['video_note', 'video message'],
  ['animation', 'animation'],
  ['sticker', 'sticker'],
];

function attachments(raw: TgMessage): Attachment[] {
  const found: Attachment[] = [];
  const photo = raw['photo'];
  if (Array.isArray(photo) && photo.length > 0) {
    const largest = photo[photo.length - 1];
    found.push({ name: 'photo.jpg', contentType: 'image/jpeg', ...sizeOf(largest) });
  }
  for (const [key, fallback] of MEDIA) {
    const media = raw[key];
    if (!isObject(media)) continue;
    const name = typeof media['file_name'] === 'string' ? media['file_name'].slice(0, 200) : key === 'sticker' && typeof media['emoji'] === 'string' ? `sticker ${media['emoji']}` : fallback;
    found.push({ name, ...(typeof media['mime_type'] === 'string' ? { contentType: media['mime_type'].slice(0, 100) } : {}), ...sizeOf(media) });
  }
  return found;
}

function sizeOf(media: unknown): { size?: number } {
  return isObject(media) && isId(media['file_size']) ? { size: media['file_size'] } : {};
}

function isoTime(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/** t.me links exist for public chats (by username) and supergroups (t.me/c/…); not for basic groups or private chats. */
function permalink(chat: TgChat, messageId: number): string | undefined {
  if (chat.type === 'private' || chat.type === 'group') return undefined;
  if (typeof chat.username === 'string' && /^[A-Za-z0-9_]{4,64}$/u.test(chat.username)) return `https://t.me/${chat.username}/${messageId}`;
  const id = String(chat.id);
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : undefined;
}
