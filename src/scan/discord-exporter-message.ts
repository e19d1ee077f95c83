// One message of a DiscordChatExporter JSON export to a Message. The export: `guild` {id, name} (id "0" for
// direct messages), `channel` {id, type, name, category}, then `messages[]` with `author`, `content`,
// `timestamp`, `timestampEdited`, `mentions[]`, `reference` {messageId, channelId, guildId}, `attachments[]`.
import type { Attachment, Message } from '../core/types.js';
import { discordPermalink, snowflakeTime } from './discord-ids.js';
import { isoFromDate, list, nonEmpty, record, text, count, type Json } from './fields.js';
import type { ScanItem } from './types.js';

export interface ExporterChannel {
  guildId?: string;
  guildName?: string;
  channelId: string;
  channelName?: string;
  channelType: string;
}

// DiscordChatExporter's MessageKind names for events rather than things someone wrote.
const SERVICE_KINDS = new Set([
  'RecipientAdd',
  'RecipientRemove',
  'Call',
  'ChannelNameChange',
  'ChannelIconChange',
  'ChannelPinnedMessage',
  'GuildMemberJoin',
  'ThreadCreated',
]);

export function exporterChannel(header: Json): ExporterChannel | undefined {
  const guild = record(header.guild);
  const channel = record(header.channel);
  const channelId = nonEmpty(channel?.id);
  if (!channel || !channelId) return undefined;
  const guildId = nonEmpty(guild?.id);
  const result: ExporterChannel = { channelId, channelType: nonEmpty(channel.type) ?? 'GuildTextChat' };
  if (guildId && guildId !== '0') result.guildId = guildId;
  if (nonEmpty(guild?.name)) result.guildName = nonEmpty(guild?.name);
  if (nonEmpty(channel.name)) result.channelName = nonEmpty(channel.name);
  return result;
}

function attachments(m: Json): Attachment[] {
  const found: Attachment[] = [];
  for (const raw of list(m.attachments)) {
    const a = record(raw);
    if (!a) continue;
    const size = count(a.fileSizeBytes);
    found.push({ name: nonEmpty(a.fileName) ?? 'attachment', ...(size !== undefined ? { size } : {}), ...(nonEmpty(a.url) ? { url: nonEmpty(a.url) } : {}) });
  }
  for (const raw of list(m.stickers)) {
    const s = record(raw);
    if (s) found.push({ name: `sticker: ${nonEmpty(s.name) ?? 'unnamed'}`, ...(nonEmpty(s.sourceUrl) ? { url: nonEmpty(s.sourceUrl) } : {}) });
  }
  return found;
}

export function exporterItems(raw: unknown, channel: ExporterChannel, position: string): ScanItem[] {
  const m = record(raw);
  if (!m) return [{ skip: { reason: 'not a message record', position } }];
  const kind = nonEmpty(m.type) ?? 'Default';
  if (SERVICE_KINDS.has(kind)) return [{ skip: { reason: 'service message', position } }];
  const messageId = nonEmpty(m.id);
  const sentAt = isoFromDate(m.timestamp);
  const author = record(m.author);
  const authorId = nonEmpty(author?.id);
  if (!messageId) return [{ skip: { reason: 'message without id', position } }];
  if (!sentAt) return [{ skip: { reason: 'message without a date', position } }];
  if (!author || !authorId) return [{ skip: { reason: 'message without a sender', position } }];
  const body = text(m.content) ?? '';
  const files = attachments(m);
  const embeds = list(m.embeds).length;
  if (body.trim() === '' && files.length === 0 && embeds === 0) return [{ skip: { reason: 'message with no text', position } }];

  const people: ScanItem[] = [];
  const mentions: string[] = [];
  for (const raw of list(m.mentions)) {
    const who = record(raw);
    const id = nonEmpty(who?.id);
    if (!who || !id) continue;
    mentions.push(id);
    people.push({ person: { id, displayName: nonEmpty(who.nickname) ?? nonEmpty(who.name) ?? id } });
  }
  const createdAt = snowflakeTime(authorId);
  const message: Message = {
    platform: 'discord',
    channelId: channel.channelId,
    messageId,
    author: {
      id: authorId,
      displayName: nonEmpty(author.nickname) ?? nonEmpty(author.name) ?? authorId,
      ...(createdAt ? { createdAt } : {}),
      ...(author.isBot === true ? { isBot: true } : {}),
    },
    text: body,
    sentAt,
    mentions,
    attachments: files,
    isDirect: channel.channelType === 'DirectTextChat',
    permalink: discordPermalink(channel.guildId, channel.channelId, messageId),
    extra: { discord: { position, kind, ...(embeds > 0 ? { embeds } : {}), ...(nonEmpty(author.name) ? { username: nonEmpty(author.name) } : {}) } },
  };
  if (channel.guildId) message.workspaceId = channel.guildId;
  if (channel.channelName) message.channelName = channel.channelName;
  const edited = isoFromDate(m.timestampEdited);
  if (edited) message.editedAt = edited;
  const reference = record(m.reference);
  const replyId = nonEmpty(reference?.messageId);
  if (replyId && (!nonEmpty(reference?.channelId) || nonEmpty(reference?.channelId) === channel.channelId)) message.replyTo = { messageId: replyId };
  return [...people, { message }];
}
