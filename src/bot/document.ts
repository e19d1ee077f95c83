// "Document this message" (a forward to the bot, a message shortcut, a context-menu command): the person
// asking is the recipient. The message is analysed for them and archived whatever the verdict, because
// they asked for it to be kept.
import type { Message, Recipient } from '../core/types.js';
import { callerKey } from './commands/syntax.js';
import type { BotContext } from './context.js';
import { actionSubject } from './inbound.js';
import type { Caller, OutboundMessage } from './ports.js';
import { verdictNotice } from './verdict-notice.js';

export async function documentMessage(ctx: BotContext, message: Message, requester: Caller): Promise<OutboundMessage> {
  const key = callerKey(requester);
  const recipient: Recipient = { key, platform: requester.platform, userId: requester.userId, reason: 'dm' };
  if (message.author.id === requester.userId && message.platform === requester.platform) {
    return { text: 'That message is your own; only messages sent to you can be documented for you.' };
  }
  const [outcome] = await ctx.analyser.analyse(message, [recipient]);
  if (!outcome) throw new Error('the analyser returned no outcome for the requester');
  let evidenceId = outcome.evidenceId;
  let duplicate = outcome.duplicate ?? false;
  if (!evidenceId) {
    const archived = await ctx.archive.archive(outcome.analysis);
    evidenceId = archived.id;
    duplicate = archived.duplicate;
  }
  const handle = await ctx.handles.create(actionSubject(ctx, outcome.analysis, evidenceId));
  const notice = verdictNotice(outcome.analysis, evidenceId, { audience: 'recipient', handle });
  ctx.log.info({ person: key, evidenceId, verdict: outcome.analysis.verdict.label, duplicate }, 'message documented on request');
  return {
    ...notice,
    text: `${duplicate ? 'Already documented' : 'Documented'} as evidence record ${evidenceId}. ${notice.text}`,
  };
}
