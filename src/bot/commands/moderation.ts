// watch and logchannel: community-wide settings, for the community's own moderators only (as the platform
// vouches for them in Caller.isModerator), and only for the community the command was used in.
import type { BotContext } from '../context.js';
import type { Caller, OutboundMessage } from '../ports.js';
import { callerKey, cmd, onOff, reply } from './syntax.js';

function refusal(caller: Caller): OutboundMessage | undefined {
  if (!caller.workspaceId) return reply(`Use this command inside the group, server or workspace you moderate.`);
  if (!caller.isModerator) return reply('Only moderators of this community can change that.');
  return undefined;
}

export async function watch(ctx: BotContext, caller: Caller, args: string): Promise<OutboundMessage> {
  const refused = refusal(caller);
  if (refused) return refused;
  const value = onOff(args.trim().toLowerCase());
  const workspaceId = caller.workspaceId!;
  if (value === undefined) {
    const community = await ctx.registry.community(caller.platform, workspaceId);
    return reply(`Community watching is ${community?.watching ? 'on' : 'off'}. Use ${cmd(caller.platform, 'watch on')} or ${cmd(caller.platform, 'watch off')}.`);
  }
  const community = await ctx.registry.updateCommunity(caller.platform, workspaceId, {
    watching: value,
    changedBy: callerKey(caller),
    changedAt: new Date(ctx.clock.now()).toISOString(),
  });
  ctx.log.info({ platform: caller.platform, workspace: workspaceId, by: callerKey(caller), watching: value }, 'community watching changed');
  if (!value) return reply('Community watching is off: only people who used protect are checked here.');
  return reply(
    `Community watching is on: every message here that mentions or replies to someone is checked for them. People who used protect get their own notices; moderators are told in the log channel${community.logChannelId ? ` (${community.logChannelId})` : `, once you set one with ${cmd(caller.platform, 'logchannel <channel>')}`}.`,
  );
}

export async function logChannel(ctx: BotContext, caller: Caller, args: string): Promise<OutboundMessage> {
  const refused = refusal(caller);
  if (refused) return refused;
  const raw = args.trim();
  const changedBy = callerKey(caller);
  const changedAt = new Date(ctx.clock.now()).toISOString();
  if (raw.toLowerCase() === 'off' || raw.toLowerCase() === 'none') {
    await ctx.registry.updateCommunity(caller.platform, caller.workspaceId!, { logChannelId: undefined, changedBy, changedAt });
    return reply('The moderator log channel is cleared.');
  }
  const channelId = channelFrom(raw);
  if (!channelId) return reply(`Name the channel: ${cmd(caller.platform, caller.platform === 'telegram' ? 'logchannel -1001234567890' : 'logchannel #moderators')} (or "off").`);
  await ctx.registry.updateCommunity(caller.platform, caller.workspaceId!, { logChannelId: channelId, changedBy, changedAt });
  ctx.log.info({ platform: caller.platform, workspace: caller.workspaceId, by: changedBy }, 'moderator log channel set');
  return reply(`Moderator notices for this community go to ${channelId}. The bot must be able to post there.`);
}

/** Accepts a bare id (Telegram -100…, @channelname), a Discord <#id> or a Slack <#C…|name> reference. */
function channelFrom(raw: string): string | undefined {
  const mention = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/u.exec(raw);
  if (mention) return mention[1];
  if (/^(-?\d{1,20}|@[A-Za-z0-9_]{4,64}|[A-Z0-9]{6,20})$/u.test(raw)) return raw;
  return undefined;
}
