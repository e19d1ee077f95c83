// The buttons of a verdict DM. The handle in `value` must belong to the person pressing: a forged or
// someone else's handle gets the same answer as an expired one, so it does not even reveal that it exists.
import type { EvidenceRecord } from '../core/types.js';
import { authorKey } from '../core/keys.js';
import type { ActionSubject } from './action-handles.js';
import { exportFor } from './commands/export.js';
import { callerKey, cmd, reply } from './commands/syntax.js';
import type { BotContext } from './context.js';
import { ACTIONS, type Caller, type OutboundMessage } from './ports.js';

const NOT_YOURS = 'This button is not valid (any more). Use the buttons on your own notices, or the commands.';

export async function handleAction(ctx: BotContext, caller: Caller, actionId: string, value: string): Promise<OutboundMessage> {
  const key = callerKey(caller);
  const subject = await ctx.handles.resolve(value, key);
  if (!subject) {
    ctx.log.warn({ person: key, action: actionId.slice(0, 40) }, 'action refused: unknown or foreign handle');
    return reply(NOT_YOURS);
  }
  switch (actionId) {
    case ACTIONS.confirm:
      return confirm(ctx, value, subject);
    case ACTIONS.notHarassment:
      return notHarassment(ctx, value, subject);
    case ACTIONS.exportEvidence:
      return exportFor(ctx, key, `acts export --recipient ${key}`);
    default:
      return reply(`Unknown action. ${cmd(caller.platform, 'help')} lists what you can do.`);
  }
}

async function confirm(ctx: BotContext, handle: string, subject: ActionSubject): Promise<OutboundMessage> {
  const name = (await ctx.registry.name(subject.senderKey)) ?? subject.senderKey;
  if (subject.confirmedAt) return reply(`You already confirmed this; ${name} is on your known-offender list.`);
  const texts = await recentTexts(ctx, subject);
  await ctx.state.confirmOffender(subject.recipientKey, subject.senderKey, texts);
  await ctx.handles.update(handle, { ...subject, confirmedAt: new Date(ctx.clock.now()).toISOString() });
  ctx.log.info({ person: subject.recipientKey, evidenceId: subject.evidenceId, texts: texts.length }, 'offender confirmed');
  return reply(
    `Confirmed. ${name} is on your known-offender list, and ${texts.length} of their message${texts.length === 1 ? '' : 's'} to you now help recognise their writing style, even from another account.`,
  );
}

async function notHarassment(ctx: BotContext, handle: string, subject: ActionSubject): Promise<OutboundMessage> {
  if (subject.allowedAt) return reply('You already marked this as not harassment.');
  await ctx.state.allow(subject.recipientKey, {
    senderKey: subject.senderKey,
    textHash: subject.textHash,
    ...(subject.dictionaryIds.length > 0 ? { dictionaryIds: subject.dictionaryIds } : {}),
  });
  await ctx.handles.update(handle, { ...subject, allowedAt: new Date(ctx.clock.now()).toISOString() });
  ctx.log.info({ person: subject.recipientKey, evidenceId: subject.evidenceId }, 'marked not harassment');
  return reply('Thanks, noted: this message from this sender will not be flagged for you again. The evidence record stays in your archive.');
}

/** The sender's latest archived messages to this recipient, newest last: the writeprint history α learns from. */
async function recentTexts(ctx: BotContext, subject: ActionSubject): Promise<string[]> {
  const texts: string[] = [];
  for await (const record of ctx.archive.records(subject.recipientKey) as AsyncIterable<EvidenceRecord>) {
    if (record.kind !== 'message' || !record.message || authorKey(record.message) !== subject.senderKey) continue;
    if (record.message.text.trim().length === 0) continue;
    texts.push(record.message.text);
    if (texts.length > ctx.limits.recentTextsForConfirm) texts.shift();
  }
  return texts;
}
