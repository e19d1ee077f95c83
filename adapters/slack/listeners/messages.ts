// Events API `message` events (channels, private channels, DMs, and their edits and deletions) → the
// bot service, with Slack's event_id as the dedup key: Slack redelivers with X-Slack-Retry-Num and the
// same event_id, and Bolt does not de-duplicate.
import type { App } from '@slack/bolt';
import { summarise } from '../bolt-logger.js';
import { slackId, str, isObj } from '../fields.js';
import { withinDeadline } from '../deadline.js';
import { normaliseEvent, type SlackInbound } from '../normalise-event.js';
import type { ListenerDeps } from './deps.js';

async function permalinkFor(deps: ListenerDeps, channelId: string, ts: unknown): Promise<string | undefined> {
  if (typeof ts !== 'string') return undefined;
  try {
    const result = await deps.client.permalink(channelId, ts);
    return result;
  } catch (error) {
    deps.log.debug({ channelId, error: summarise([error]) }, 'slack: no permalink');
    return undefined;
  }
}

async function dispatch(deps: ListenerDeps, inbound: Exclude<SlackInbound, { kind: 'skip' }>, eventId: string): Promise<void> {
  switch (inbound.kind) {
    case 'message': {
      const message = inbound.message;
      if (!message.permalink) {
        const link = await permalinkFor(deps, message.channelId, (message.extra?.slack as { ts?: unknown } | undefined)?.ts);
        if (link) message.permalink = link;
      }
      return deps.service.onMessage(message, eventId);
    }
    case 'edit':
      return deps.service.onEdit(inbound.ref, inbound.edit, eventId, inbound.message);
    case 'delete':
      return deps.service.onDelete(inbound.ref, inbound.deletedAt, eventId);
  }
}

export function registerMessageEvents(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ body, context }) => {
    const envelope: unknown = body;
    const eventId = isObj(envelope) ? str(envelope.event_id) : undefined;
    if (!eventId || eventId.length > 100) {
      deps.log.warn('slack: message event without a usable event_id skipped');
      return;
    }
    const inbound = normaliseEvent(envelope, { botUserId: deps.botUserId, workspaceUrl: deps.workspaceUrl });
    const teamId = isObj(envelope) ? slackId(envelope.team_id) : undefined;
    if (inbound.kind === 'skip') {
      deps.log.debug({ eventId, teamId, reason: inbound.reason }, 'slack: event skipped');
      return;
    }
    if (context.retryNum !== undefined) deps.log.info({ eventId, retryNum: context.retryNum }, 'slack: redelivered event');
    const work = dispatch(deps, inbound, eventId);
    // A failure before the deadline propagates: Bolt answers 500 and Slack redelivers the event.
    const raced = await withinDeadline(work, deps.ackDeadlineMs).catch((error: unknown) => {
      deps.log.error({ eventId, error: summarise([error]) }, 'slack: the service failed; answering 500 so that Slack redelivers');
      throw error;
    });
    if (!raced.done) {
      deps.log.warn({ eventId, deadlineMs: deps.ackDeadlineMs }, 'slack: acknowledged before the service finished');
      work.catch((error: unknown) => deps.log.error({ eventId, error: summarise([error]) }, 'slack: event failed after it was acknowledged'));
    }
  });
}
