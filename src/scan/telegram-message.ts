// One record of a Telegram Desktop `result.json` ("Export chat history", JSON) to a Message.
// The export's shape: `text` is a string or an array of strings and entity objects ({type, text, user_id?,
// href?}); `from_id` is `user123` (or `channel123` for channel posts); `date` is the exporting computer's
// local time without a zone, `date_unixtime` the true instant (older exports lack it).
import type { Attachment, Message } from '../core/types.js';
import { count, list, nonEmpty, record, text, type Json } from './fields.js';
import type { ScanItem } from './types.js';

export interface TelegramChat {
  /** Chat id as the Bot API names it (supergroups and channels -100…, basic groups negative). */
  chatId: string;
  rawId: string;
  name?: string;
  type: string;
}

const DIRECT_TYPES = new Set(['personal_chat', 'bot_chat', 'saved_messages']);
const SUPERGROUP_TYPES = new Set(['private_supergroup', 'public_supergroup', 'private_channel', 'public_channel']);
const NOT_INCLUDED = /^\(File not included/;

export function telegramChat(header: Json): TelegramChat {
  const rawId = text(header.id) ?? 'unknown';
  const type = text(header.type) ?? 'unknown';
  let chatId = rawId;
  if (/^\d+$/.test(rawId) && SUPERGROUP_TYPES.has(type)) chatId = `-100${rawId}`;
  else if (/^\d+$/.test(rawId) && type === 'private_group') chatId = `-${rawId}`;
  return { chatId, rawId, type, ...(text(header.name) !== undefined ? { name: text(header.name) } : {}) };
}

/** `user123` → `123`; anything else (`channel123`, a bare number) is kept as it is. */
export function telegramUserId(fromId: string): string {
  return fromId.startsWith('user') && /^\d+$/.test(fromId.slice(4)) ? fromId.slice(4) : fromId;
}

function flattenText(value: unknown): { body: string; mentions: string[]; usernames: string[]; links: string[] } {
  if (typeof value === 'string') return { body: value, mentions: [], usernames: [], links: [] };
  const parts: string[] = [];
  const mentions: string[] = [];
  const usernames: string[] = [];
  const links: string[] = [];
  for (const part of list(value)) {
    if (typeof part === 'string') {
      parts.push(part);
      continue;
    }
    const entity = record(part);
    if (!entity) continue;
    const piece = text(entity.text) ?? '';
    parts.push(piece);
    const type = text(entity.type);
    if (type === 'mention_name' && text(entity.user_id)) mentions.push(text(entity.user_id)!);
    else if (type === 'mention' && piece.startsWith('@')) usernames.push(piece.slice(1).toLowerCase());
    else if (type === 'text_link' && text(entity.href)) links.push(text(entity.href)!);
  }
  return { body: parts.join(''), mentions, usernames, links };
}

function attachments(m: Json): Attachment[] {
  const found: Attachment[] = [];
  const photo = nonEmpty(m.photo);
  if (photo && !NOT_INCLUDED.test(photo)) found.push({ name: photo, contentType: 'image/jpeg', ...sized(m.photo_file_size) });
  else if (photo) found.push({ name: 'photo (not included in the export)', contentType: 'image/jpeg' });
  const file = nonEmpty(m.file);
  if (file) {
    const name = NOT_INCLUDED.test(file) ? `${nonEmpty(m.file_name) ?? nonEmpty(m.media_type) ?? 'file'} (not included in the export)` : file;
    found.push({ name, ...(nonEmpty(m.mime_type) ? { contentType: nonEmpty(m.mime_type) } : {}), ...sized(m.file_size) });
  }
  return found;
}

function sized(value: unknown): { size?: number } {
  const n = count(value);
  return n === undefined ? {} : { size: n };
}

/**
 * A personal chat seen live through a Telegram Business connection is keyed `OWNER:PEER` by the adapter (message
 * ids are the owner's); once the scan knows the owner is the recipient, the imported message gets the same key.
 */
export function adoptPersonalChat(message: Message, recipientId: string): void {
  const peerId = (message.extra?.telegram as { peerId?: string } | undefined)?.peerId;
  if (peerId && recipientId !== peerId && message.channelId === peerId) message.channelId = `${recipientId}:${peerId}`;
}

export function telegramItem(raw: unknown, chat: TelegramChat, position: string): ScanItem {
  const m = record(raw);
  if (!m) return { skip: { reason: 'not a message record', position } };
  const type = text(m.type);
  if (type === 'service') return { skip: { reason: 'service message', position } };
  if (type !== 'message') return { skip: { reason: `unknown record type '${type ?? 'none'}'`, position } };
  const messageId = text(m.id);
  if (!messageId) return { skip: { reason: 'message without id', position } };
  const unix = count(m.date_unixtime);
  const local = nonEmpty(m.date);
  const localMs = local ? Date.parse(`${local}Z`) : NaN;
  const sentAt = unix !== undefined ? new Date(unix * 1000).toISOString() : Number.isNaN(localMs) ? undefined : new Date(localMs).toISOString();
  if (!sentAt) return { skip: { reason: 'message without a date', position } };
  const fromId = nonEmpty(m.from_id);
  if (!fromId) return { skip: { reason: 'message without a sender', position } };
  const authorId = telegramUserId(fromId);
  const { body, mentions, usernames, links } = flattenText(m.text ?? m.text_entities);
  const files = attachments(m);
  if (body.trim() === '' && files.length === 0) return { skip: { reason: 'message with no text', position } };
  const editedUnix = count(m.edited_unixtime);
  const edited = editedUnix !== undefined ? new Date(editedUnix * 1000).toISOString() : undefined;
  const replyTo = text(m.reply_to_message_id);
  const isDirect = DIRECT_TYPES.has(chat.type);
  const telegram: Json = { position };
  if (unix === undefined) telegram.dateZoneUnknown = 'the export has no date_unixtime; date read as UTC';
  if (usernames.length > 0) telegram.mentionedUsernames = usernames;
  if (links.length > 0) telegram.links = links;
  if (nonEmpty(m.forwarded_from)) telegram.forwardedFrom = nonEmpty(m.forwarded_from);
  if (nonEmpty(m.media_type)) telegram.mediaType = nonEmpty(m.media_type);
  if (nonEmpty(m.via_bot)) telegram.viaBot = nonEmpty(m.via_bot);
  const message: Message = {
    platform: 'telegram',
    channelId: chat.chatId,
    messageId,
    author: { id: authorId, displayName: nonEmpty(m.from) ?? 'Deleted Account' },
    text: body,
    sentAt,
    mentions,
    attachments: files,
    isDirect,
    extra: { telegram },
  };
  if (!isDirect && chat.chatId.startsWith('-')) message.workspaceId = chat.chatId;
  if (chat.name) message.channelName = chat.name;
  if (edited) message.editedAt = edited;
  if (replyTo && replyTo !== '0') message.replyTo = { messageId: replyTo };
  // In a personal chat the chat id is the other person's: a message not from them was sent to them.
  if (isDirect && chat.type === 'personal_chat') {
    telegram.peerId = chat.rawId;
    if (authorId !== chat.rawId) message.dmOwnerId = chat.rawId;
  }
  return { message };
}
