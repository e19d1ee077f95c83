// One row of a Discord data package (Settings → Data & Privacy → Request data) to a Message. Rows are
// `{ID, Timestamp, Contents, Attachments}` (messages.json) or the same columns in messages.csv; every one
// was written by the package's owner. channel.json says where: a DM (type 1, `recipients`), a group DM
// (type 3) or a server channel (`guild`).
import type { Attachment, Message, Person } from '../core/types.js';
import { discordPermalink } from './discord-ids.js';
import { list, mentionIds, nonEmpty, record, text, type Json } from './fields.js';
import type { ScanItem } from './types.js';

export interface PackageChannel {
  channelId: string;
  name?: string;
  guildId?: string;
  guildName?: string;
  isDirect: boolean;
  /** For a DM: the other person. */
  partnerId?: string;
}

export interface PackageRow {
  id: unknown;
  timestamp: unknown;
  contents: unknown;
  attachments: unknown;
}

export function packageChannel(channelId: string, json: Json | undefined, indexName: string | undefined, ownerId: string): PackageChannel {
  const type = text(json?.type);
  const guild = record(json?.guild);
  const recipients = list(json?.recipients).map(text).filter((x): x is string => x !== undefined);
  const channel: PackageChannel = { channelId, isDirect: type === '1' };
  const name = nonEmpty(json?.name) ?? indexName;
  if (name) channel.name = name;
  if (nonEmpty(guild?.id)) channel.guildId = nonEmpty(guild?.id);
  if (nonEmpty(guild?.name)) channel.guildName = nonEmpty(guild?.name);
  if (channel.isDirect) {
    const partner = recipients.find((id) => id !== ownerId);
    if (partner) channel.partnerId = partner;
  }
  return channel;
}

/** The package's times are UTC, written `2024-05-01 09:05:00` or `2021-01-01 12:00:00.123000+00:00`. */
function packageTime(value: unknown): string | undefined {
  const s = nonEmpty(value);
  if (!s) return undefined;
  let iso = s.trim().replace(' ', 'T');
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function attachments(value: unknown): Attachment[] {
  const raw = text(value) ?? '';
  return raw
    .split(/\s+/)
    .filter((url) => /^https?:\/\//.test(url))
    .map((url) => ({ name: decodeURIComponent(new URL(url).pathname.split('/').pop() ?? 'attachment') || 'attachment', url }));
}

export function packageItem(row: PackageRow, channel: PackageChannel, owner: Person, position: string): ScanItem {
  const messageId = nonEmpty(row.id);
  const sentAt = packageTime(row.timestamp);
  if (!messageId || !/^\d+$/.test(messageId)) return { skip: { reason: 'message without id', position } };
  if (!sentAt) return { skip: { reason: 'message without a date', position } };
  const body = text(row.contents) ?? '';
  let files: Attachment[] = [];
  try {
    files = attachments(row.attachments);
  } catch {
    files = [];
  }
  if (body.trim() === '' && files.length === 0) return { skip: { reason: 'message with no text', position } };
  const message: Message = {
    platform: 'discord',
    channelId: channel.channelId,
    messageId,
    author: { ...owner },
    text: body,
    sentAt,
    mentions: mentionIds(body),
    attachments: files,
    isDirect: channel.isDirect,
    permalink: discordPermalink(channel.guildId, channel.channelId, messageId),
    extra: { discordPackage: { position } },
  };
  if (channel.guildId) message.workspaceId = channel.guildId;
  if (channel.name) message.channelName = channel.name;
  if (channel.partnerId) message.dmOwnerId = channel.partnerId;
  return { message };
}
