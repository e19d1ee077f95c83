// Block Kit buttons of the verdict DM (action ids `acts_*`) and the "Document with ACTS" message
// shortcut. Both are acknowledged at once (Slack expects no content in the acknowledgement) and
// answered privately: ephemeral through response_url, or in the person's DM.
import type { App } from '@slack/bolt';
import type { Caller, OutboundMessage } from '../../../src/bot/ports.js';
import { summarise } from '../bolt-logger.js';
import { withinDeadline } from '../deadline.js';
import { isObj, slackId, str, type Obj } from '../fields.js';
import { normaliseShortcut } from '../normalise-shortcut.js';
import { FAILED_REPLY, replyPrivately, type EphemeralReply, type ListenerDeps } from './deps.js';

export const SHORTCUT_CALLBACK_ID = 'acts_document';
const ACTION_PREFIX = /^acts_/;

function callerOf(body: Obj, isModerator: boolean): Caller | undefined {
  const user = isObj(body.user) ? body.user : {};
  const userId = slackId(user.id);
  if (!userId) return undefined;
  const team = isObj(body.team) ? body.team : {};
  const channel = isObj(body.channel) ? body.channel : isObj(body.container) ? { id: body.container.channel_id } : {};
  const caller: Caller = { platform: 'slack', userId, isModerator };
  const workspaceId = slackId(team.id) ?? slackId(user.team_id);
  if (workspaceId) caller.workspaceId = workspaceId;
  const channelId = slackId(channel.id);
  if (channelId) caller.channelId = channelId;
  const name = str(user.username) ?? str(user.name);
  if (name) caller.displayName = name;
  return caller;
}

/** Runs the service call, then answers privately; keeps the HTTP answer within Slack's deadline. */
async function answer(
  deps: ListenerDeps,
  userId: string,
  work: Promise<OutboundMessage>,
  respond: ((m: EphemeralReply) => Promise<unknown>) | undefined,
): Promise<void> {
  const delivered = work
    .catch((error: unknown) => {
      deps.log.error({ userId, error: summarise([error]) }, 'slack: interaction failed');
      return FAILED_REPLY;
    })
    .then((reply) => replyPrivately(deps, userId, reply, respond));
  await withinDeadline(delivered, deps.ackDeadlineMs);
}

export function registerInteractions(app: App, deps: ListenerDeps): void {
  app.action(ACTION_PREFIX, async ({ ack, body, action, respond }) => {
    await ack();
    const payload = body as unknown as Obj;
    const teamId = isObj(payload.team) ? slackId(payload.team.id) : undefined;
    const userId = isObj(payload.user) ? slackId(payload.user.id) : undefined;
    const act = action as unknown as Obj;
    const actionId = str(act.action_id);
    if (!userId || !actionId) return deps.log.warn('slack: button press without user or action id skipped');
    const caller = callerOf(payload, teamId ? await deps.isModerator(teamId, userId) : false);
    if (!caller) return;
    const work = deps.service.onAction(caller, actionId, typeof act.value === 'string' ? act.value : '');
    await answer(deps, userId, work, str(payload.response_url) ? respond : undefined);
  });

  app.shortcut({ callback_id: SHORTCUT_CALLBACK_ID, type: 'message_action' }, async ({ ack, shortcut, respond }) => {
    await ack();
    const payload = shortcut as unknown as Obj;
    const result = normaliseShortcut(payload, deps.workspaceUrl);
    const reply = str(payload.response_url) ? respond : undefined;
    if (!result.ok) return deps.log.warn({ reason: result.reason }, 'slack: shortcut skipped');
    const { requesterId, teamId } = result.request;
    if (!result.built.ok) {
      deps.log.info({ userId: requesterId, reason: result.built.reason }, 'slack: shortcut on a message that cannot be documented');
      return replyPrivately(deps, requesterId, { text: `This message cannot be documented: ${result.built.reason}.` }, reply);
    }
    const caller = callerOf(payload, await deps.isModerator(teamId, requesterId));
    if (!caller) return;
    await answer(deps, requesterId, deps.service.onDocumentRequest(result.built.message, caller), reply);
  });
}
