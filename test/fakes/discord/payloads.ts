// Gateway payloads shaped like Discord's (API v10), for the fake gateway to dispatch.
import { newSnowflake } from './snowflakes.js';

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
  discriminator?: string;
  avatar?: null;
}

export function user(id: string, username: string, extra: Partial<FakeUser> = {}): FakeUser {
  return { id, username, global_name: null, discriminator: '0', avatar: null, ...extra };
}

export interface FakeGuild {
  id: string;
  name: string;
  memberCount: number;
  channels: Array<{ id: string; name: string }>;
  ownerId: string;
}

/** GUILD_CREATE data for an available guild with text channels. */
export function guildCreate(guild: FakeGuild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: guild.ownerId,
    member_count: guild.memberCount,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
    features: [],
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    system_channel_flags: 0,
    roles: [{ id: guild.id, name: '@everyone', permissions: '1024', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    members: [],
    presences: [],
    voice_states: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    channels: guild.channels.map((c, position) => ({ id: c.id, type: 0, name: c.name, guild_id: guild.id, position, permission_overwrites: [], nsfw: false, parent_id: null })),
  };
}

export interface MessageOptions {
  id?: string;
  channelId: string;
  guildId?: string;
  author: FakeUser;
  content: string;
  mentions?: FakeUser[];
  replyTo?: { id: string; author: FakeUser; content?: string };
  attachments?: Array<{ id: string; filename: string; size: number; content_type?: string }>;
  editedTimestamp?: string | null;
  /** 1 for a DM (what Discord sends; discord.js needs it to create the DM channel). */
  channelType?: number;
  nick?: string;
}

/** MESSAGE_CREATE / MESSAGE_UPDATE data. */
export function messagePayload(options: MessageOptions): Record<string, unknown> {
  const id = options.id ?? newSnowflake();
  const payload: Record<string, unknown> = {
    id,
    channel_id: options.channelId,
    author: options.author,
    content: options.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: options.editedTimestamp ?? null,
    tts: false,
    mention_everyone: false,
    mentions: (options.mentions ?? []).map((m) => ({ ...m, member: undefined })),
    mention_roles: [],
    attachments: (options.attachments ?? []).map((a) => ({ ...a, url: `https://cdn.discordapp.com/attachments/${options.channelId}/${a.id}/${a.filename}`, proxy_url: '' })),
    embeds: [],
    pinned: false,
    type: options.replyTo ? 19 : 0,
    flags: 0,
    components: [],
  };
  if (options.guildId) {
    payload.guild_id = options.guildId;
    payload.member = { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: options.nick ?? null };
  }
  if (options.channelType !== undefined) payload.channel_type = options.channelType;
  if (options.replyTo) {
    payload.message_reference = { type: 0, message_id: options.replyTo.id, channel_id: options.channelId, guild_id: options.guildId };
    payload.referenced_message = messagePayload({ id: options.replyTo.id, channelId: options.channelId, author: options.replyTo.author, content: options.replyTo.content ?? '' });
  }
  return payload;
}
