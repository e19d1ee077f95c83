// The person behind an interaction, as Discord vouches for them over the authenticated gateway.
import { PermissionFlagsBits, type BaseInteraction } from 'discord.js';
import type { Caller } from '../../src/bot/ports.js';

export function callerOf(interaction: BaseInteraction): Caller {
  const caller: Caller = {
    platform: 'discord',
    userId: interaction.user.id,
    // Discord computes member permissions for the channel; outside a server there are none.
    isModerator: interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
    displayName: interaction.user.globalName ?? interaction.user.username,
  };
  if (interaction.guildId) caller.workspaceId = interaction.guildId;
  if (interaction.channelId) caller.channelId = interaction.channelId;
  return caller;
}
