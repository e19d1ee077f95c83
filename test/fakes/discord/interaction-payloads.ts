// INTERACTION_CREATE data shaped like Discord's: slash command, message context menu, button.
import type { FakeUser } from './payloads.js';
import { newSnowflake } from './snowflakes.js';

export interface InteractionPlace {
  applicationId: string;
  user: FakeUser;
  /** Absent: the bot's DM with the user. */
  guildId?: string;
  channelId: string;
  /** Member permissions in the guild, as Discord computes them (decimal bitfield string). */
  permissions?: string;
  /** Channel type: 0 guild text, 1 DM. */
  channelType?: number;
}

function base(place: InteractionPlace, type: number, data: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    id: newSnowflake(),
    application_id: place.applicationId,
    type,
    token: `token-${newSnowflake()}`,
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: place.guildId ? { '0': place.guildId } : { '1': place.user.id },
    context: place.guildId ? 0 : 1,
    channel_id: place.channelId,
    channel: { id: place.channelId, type: place.channelType ?? (place.guildId ? 0 : 1), ...(place.guildId ? { guild_id: place.guildId, name: 'general' } : {}) },
    data,
  };
  if (place.guildId) {
    payload.guild_id = place.guildId;
    payload.member = { user: place.user, roles: [], joined_at: new Date().toISOString(), permissions: place.permissions ?? '0', deaf: false, mute: false, flags: 0 };
  } else {
    payload.user = place.user;
  }
  return payload;
}

export interface SubcommandOption {
  name: string;
  /** 3 string, 7 channel. */
  type: number;
  value: string;
}

export function slashCommand(place: InteractionPlace, subcommand: string, options: SubcommandOption[] = []): Record<string, unknown> {
  return base(place, 2, { id: newSnowflake(), name: 'acts', type: 1, options: [{ type: 1, name: subcommand, options }] });
}

export function documentCommand(place: InteractionPlace, target: Record<string, unknown>): Record<string, unknown> {
  const targetId = String(target.id);
  return base(place, 2, { id: newSnowflake(), name: 'Document with ACTS', type: 3, target_id: targetId, resolved: { messages: { [targetId]: target } } });
}

export function buttonPress(place: InteractionPlace, customId: string, message: Record<string, unknown>): Record<string, unknown> {
  return { ...base(place, 3, { custom_id: customId, component_type: 2 }), message };
}
