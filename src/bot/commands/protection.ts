// protect, unprotect, status, digest, grey: a person's own switches. Each acts on the caller's key only.
import type { BotContext } from '../context.js';
import type { Caller, OutboundMessage } from '../ports.js';
import { callerKey, cmd, onOff, reply } from './syntax.js';

export async function protect(ctx: BotContext, caller: Caller): Promise<OutboundMessage> {
  const key = callerKey(caller);
  const contact = { platform: caller.platform, userId: caller.userId, ...(caller.workspaceId && caller.platform === 'slack' ? { workspaceId: caller.workspaceId } : {}) };
  const added = await ctx.registry.protect(key, { ...contact, since: new Date(ctx.clock.now()).toISOString() });
  const prefs = await ctx.registry.preferences(key);
  ctx.log.info({ person: key, added }, 'protect');
  const c = (line: string): string => cmd(caller.platform, line);
  return reply(added ? 'You are now protected.' : 'You were already protected.', [
    {
      label: 'What happens',
      value: `Messages that mention you, reply to you${caller.platform === 'telegram' ? ' or reach your connected Business chats' : ' or reach you directly'} are checked for harassment. Flagged ones are kept as signed evidence and you get a private message about each. The sender is never told.`,
    },
    { label: 'How you are told', value: `${prefs.digest ? 'one daily digest' : 'a message each time'}; uncertain (grey) cases ${prefs.grey ? 'included' : 'left out'}. Change with ${c('digest on')} / ${c('grey off')}.` },
    { label: 'Stop', value: `${c('unprotect')} (your evidence is kept; ${c('export')} still works).` },
  ]);
}

export async function unprotect(ctx: BotContext, caller: Caller): Promise<OutboundMessage> {
  const key = callerKey(caller);
  const removed = await ctx.registry.unprotect(key);
  ctx.log.info({ person: key, removed }, 'unprotect');
  return reply(
    removed
      ? `You are no longer protected: new messages are not checked for you. Your evidence is kept; ${cmd(caller.platform, 'export')} still works.`
      : 'You were not protected.',
  );
}

const EVIDENCE_COUNT_CAP = 1_000;

export async function status(ctx: BotContext, caller: Caller): Promise<OutboundMessage> {
  const key = callerKey(caller);
  const [protection, prefs, state] = await Promise.all([ctx.registry.protection(key), ctx.registry.preferences(key), ctx.state.get(key)]);
  let records = 0;
  for await (const _ of ctx.archive.records(key)) {
    records += 1;
    if (records >= EVIDENCE_COUNT_CAP) break;
  }
  const fields = [
    { label: 'Protection', value: protection ? `on since ${protection.since}` : `off (${cmd(caller.platform, 'protect')} to start)` },
    { label: 'Notices', value: `${prefs.digest ? 'daily digest' : 'a message each time'}; grey cases ${prefs.grey ? 'included' : 'left out'}` },
    { label: 'Your rules', value: String(state.rules.length) },
    { label: 'Known offenders', value: String(state.offenders.size) },
    { label: 'Evidence records', value: records >= EVIDENCE_COUNT_CAP ? `${EVIDENCE_COUNT_CAP}+` : String(records) },
  ];
  if (caller.workspaceId && caller.isModerator) {
    const community = await ctx.registry.community(caller.platform, caller.workspaceId);
    fields.push({
      label: 'This community',
      value: `watching ${community?.watching ? 'on' : 'off'}; moderator log channel ${community?.logChannelId ?? 'not set'}`,
    });
  }
  return reply(`ACTS status for you (${key})`, fields);
}

export async function preference(ctx: BotContext, caller: Caller, name: 'digest' | 'grey', args: string): Promise<OutboundMessage> {
  const key = callerKey(caller);
  const value = onOff(args.trim().toLowerCase());
  if (value === undefined) {
    const prefs = await ctx.registry.preferences(key);
    return reply(`${name} is ${prefs[name] ? 'on' : 'off'}. Use ${cmd(caller.platform, `${name} on`)} or ${cmd(caller.platform, `${name} off`)}.`);
  }
  await ctx.registry.setPreference(key, name, value);
  const explained =
    name === 'digest'
      ? value
        ? 'You will get one summary a day instead of a message each time.'
        : 'You will get a message for each flagged message.'
      : value
        ? 'You will also be told about uncertain (grey) cases.'
        : 'You will only be told about clear cases; grey ones are still archived.';
  return reply(`${name} ${value ? 'on' : 'off'}. ${explained}`);
}
