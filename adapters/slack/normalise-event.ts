// An Events API envelope (`event_callback` with a `message` event) → what the bot service is told.
// Anything we cannot or should not handle becomes a `skip` with a reason; nothing here throws.
import type { Message } from '../../src/core/types.js';
import type { MessageRef } from '../../src/evidence/contracts.js';
import { isObj, slackId, type Obj } from './fields.js';
import { isSlackTs, tsToIso } from './ids.js';
import { mrkdwnToPlain } from './mrkdwn.js';
import { buildMessage, MAX_TEXT_CHARS, type Where } from './normalise-message.js';

export type SlackInbound =
  | { kind: 'message'; message: Message }
  | { kind: 'edit'; ref: MessageRef; edit: { text: string; editedAt: string }; message?: Message }
  | { kind: 'delete'; ref: MessageRef; deletedAt: string }
  | { kind: 'skip'; reason: string };

export interface NormaliseContext {
  botUserId?: string;
  workspaceUrl(teamId: string): string | undefined;
}

/** Subtypes that are a person's message like any other; every other subtype is a system or bot notice. */
const PLAIN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

const skip = (reason: string): SlackInbound => ({ kind: 'skip', reason });

/**
 * In a DM, whose conversation is it? Events delivered for a person's own authorisation (a user-token
 * subscription, `is_bot: false`) name that person; a DM with the bot itself names no protected person.
 */
function dmOwner(envelope: Obj, authorId: string | undefined): string | undefined {
  const authorizations = Array.isArray(envelope.authorizations) ? envelope.authorizations : [];
  for (const entry of authorizations) {
    if (isObj(entry) && entry.is_bot === false) {
      const userId = slackId(entry.user_id);
      if (userId && userId !== authorId) return userId;
    }
  }
  return undefined;
}

function plainMessage(event: Obj, envelope: Obj, where: Where, ctx: NormaliseContext): SlackInbound {
  if (event.bot_id !== undefined) return skip('message from a bot or app');
  if (ctx.botUserId && event.user === ctx.botUserId) return skip('the bot\'s own message');
  if (where.isDirect) {
    const owner = dmOwner(envelope, slackId(event.user));
    if (!owner) return skip('a person\'s message to the bot itself (no protected recipient)');
    where.dmOwnerId = owner;
  }
  const built = buildMessage(event, where);
  return built.ok ? { kind: 'message', message: built.message } : skip(built.reason);
}

function edited(event: Obj, where: Where): SlackInbound {
  const current = event.message;
  if (!isObj(current) || !isSlackTs(current.ts)) return skip('message_changed without the changed message');
  if (current.bot_id !== undefined) return skip('edit of a bot message');
  const text = typeof current.text === 'string' ? current.text : '';
  if (text.length > MAX_TEXT_CHARS) return skip(`edited text longer than ${MAX_TEXT_CHARS} characters`);
  const previous = isObj(event.previous_message) ? event.previous_message : undefined;
  // Slack also sends message_changed for unfurls and thread reply counts: only a new text is an edit.
  if (previous && previous.text === current.text) return skip('message_changed without a change of text');
  const editTs = isObj(current.edited) && isSlackTs(current.edited.ts) ? current.edited.ts : isSlackTs(event.ts) ? event.ts : undefined;
  if (!editTs) return skip('message_changed without an edit time');
  // The whole edited message as well (channel messages; a DM's owner is not known here), so the service can
  // judge a message that was benign until this edit.
  const built = where.isDirect ? undefined : buildMessage({ ...current, channel: event.channel, team: event.team ?? current.team }, where);
  return {
    kind: 'edit',
    ref: { platform: 'slack', messageId: current.ts, channelId: where.channelId },
    edit: { text: mrkdwnToPlain(text), editedAt: tsToIso(editTs) },
    ...(built?.ok ? { message: built.message } : {}),
  };
}

function deleted(event: Obj, where: Where): SlackInbound {
  const previous = isObj(event.previous_message) ? event.previous_message : {};
  const ts = isSlackTs(event.deleted_ts) ? event.deleted_ts : isSlackTs(previous.ts) ? previous.ts : undefined;
  if (!ts) return skip('message_deleted without the deleted ts');
  const when = isSlackTs(event.event_ts) ? event.event_ts : isSlackTs(event.ts) ? event.ts : undefined;
  if (!when) return skip('message_deleted without a time');
  return {
    kind: 'delete',
    ref: { platform: 'slack', messageId: ts, channelId: where.channelId },
    deletedAt: tsToIso(when),
  };
}

export function normaliseEvent(envelope: unknown, ctx: NormaliseContext): SlackInbound {
  if (!isObj(envelope)) return skip('envelope is not an object');
  const event = envelope.event;
  if (!isObj(event)) return skip('envelope has no event');
  if (event.type !== 'message') return skip(`event type ${typeof event.type === 'string' ? event.type.slice(0, 40) : typeof event.type} is not handled`);
  const teamId = slackId(envelope.team_id) ?? slackId(event.team);
  if (!teamId) return skip('event has no team id');
  const channelId = slackId(event.channel);
  if (!channelId) return skip('event has no channel id');
  const where: Where = { teamId, channelId, isDirect: event.channel_type === 'im' };
  const workspaceUrl = ctx.workspaceUrl(teamId);
  if (workspaceUrl) where.workspaceUrl = workspaceUrl;

  const subtype = event.subtype;
  if (subtype === 'message_changed') return edited(event, where);
  if (subtype === 'message_deleted') return deleted(event, where);
  if (typeof subtype !== 'undefined' && typeof subtype !== 'string') return skip('subtype is not a string');
  if (!PLAIN_SUBTYPES.has(subtype)) return skip(`subtype ${String(subtype).slice(0, 40)} is ignored`);
  return plainMessage(event, envelope, where, ctx);
}
