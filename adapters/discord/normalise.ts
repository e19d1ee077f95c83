// discord.js Message → the pipeline's Message. Ids stay strings (snowflakes exceed 2^53); anything the
// pipeline cannot use comes back as a skip with a reason, never as an exception.
import {
  ChannelType,
  MessageReferenceType,
  MessageType,
  type Attachment as DiscordAttachment,
  type Message as DiscordMessage,
  type PartialMessage,
} from 'discord.js';
import type { Attachment, Message } from '../../src/core/types.js';
import { isSnowflake, snowflakeTime } from './snowflake.js';

export type Normalised = { ok: true; message: Message } | { ok: false; reason: string };

export interface NormaliseContext {
  /**
   * The participant on whose side a DM is seen: the bot's own id for DMs arriving through the gateway,
   * the requester for a message documented from the context menu. Becomes `dmOwnerId`.
   */
  viewerId?: string;
  /** The guild the message is in when the payload does not say (messages resolved in an interaction). */
  guildId?: string;
}

/** Messages people write; joins, pins, boosts, thread notices and the like are not. */
const AUTHORED_TYPES: ReadonlySet<MessageType> = new Set([MessageType.Default, MessageType.Reply]);

export function permalink(guildId: string | null | undefined, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}

export function normaliseMessage(message: DiscordMessage | PartialMessage, context: NormaliseContext = {}): Normalised {
  if (message.partial) return skip('partial message: Discord sent no content or author');
  const author = message.author as DiscordMessage['author'] | null | undefined;
  if (!author) return skip('message without an author');
  return normaliseComplete(message as DiscordMessage, author, context);
}

function normaliseComplete(message: DiscordMessage, author: DiscordMessage['author'], context: NormaliseContext): Normalised {
  for (const [field, id] of [['message id', message.id], ['channel id', message.channelId], ['author id', author.id]] as const) {
    if (!isSnowflake(id)) return skip(`${field} is not a snowflake`);
  }
  const guildId = message.guildId ?? context.guildId ?? undefined;
  if (guildId !== undefined && !isSnowflake(guildId)) return skip('guild id is not a snowflake');
  if (message.system || !AUTHORED_TYPES.has(message.type)) return skip(`not a message a person wrote (type ${String(message.type)})`);
  if (typeof message.content !== 'string') return skip('message content is missing');

  const channel = message.channel as DiscordMessage['channel'] | null;
  const channelType = channel?.type;
  const isDirect = guildId === undefined;
  const editedAt = Number.isFinite(message.editedTimestamp) ? new Date(message.editedTimestamp!).toISOString() : undefined;
  const normalised: Message = {
    platform: 'discord',
    channelId: message.channelId,
    messageId: message.id,
    author: {
      id: author.id,
      displayName: message.member?.displayName ?? author.globalName ?? author.username ?? author.id,
      createdAt: snowflakeTime(author.id),
      isBot: author.bot === true,
    },
    text: message.content,
    sentAt: snowflakeTime(message.id),
    mentions: [...message.mentions.users.keys()].filter(isSnowflake),
    attachments: [...message.attachments.values()].map(attachmentOf),
    isDirect,
    permalink: permalink(guildId, message.channelId, message.id),
    extra: { channelType, messageType: message.type, ...(message.webhookId ? { webhookId: message.webhookId } : {}) },
  };
  if (guildId !== undefined) normalised.workspaceId = guildId;
  if (channel && 'name' in channel && typeof channel.name === 'string') normalised.channelName = channel.name;
  if (editedAt) normalised.editedAt = editedAt;
  const reply = replyOf(message);
  if (reply) normalised.replyTo = reply;
  if (isDirect) {
    if (context.viewerId && isSnowflake(context.viewerId)) normalised.dmOwnerId = context.viewerId;
    if (channelType === ChannelType.DM) normalised.audience = { count: 2 };
  } else if (message.guild?.memberCount) {
    normalised.audience = { count: message.guild.memberCount };
  }
  return { ok: true, message: normalised };
}

function replyOf(message: DiscordMessage): Message['replyTo'] | undefined {
  const reference = message.reference;
  // A forward also carries a reference, but it quotes a message rather than answering its author.
  if (!reference?.messageId || reference.type === MessageReferenceType.Forward || !isSnowflake(reference.messageId)) return undefined;
  const authorId = message.mentions.repliedUser?.id;
  return authorId && isSnowflake(authorId) ? { messageId: reference.messageId, authorId } : { messageId: reference.messageId };
}

function attachmentOf(attachment: DiscordAttachment): Attachment {
  const result: Attachment = { name: attachment.name, size: attachment.size, url: attachment.url };
  if (attachment.contentType) result.contentType = attachment.contentType;
  return result;
}

function skip(reason: string): Normalised {
  return { ok: false, reason };
}
