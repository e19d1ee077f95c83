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

type Taken = Exclude<SlackInbound, { kind: 'skip' }>;

async function withPermalink(deps: ListenerDeps, inbound: Taken): Promise<Taken> {
  if (inbound.kind !== 'message' || inbound.message.permalink) return inbound;
  const message = inbound.message;
  // Bounded: with a durable inbox the acknowledgement waits for this lookup, and it is only a convenience.
  const raced = await withinDeadline(permalinkFor(deps, message.channelId, (message.extra?.slack as { ts?: unknown } | undefined)?.ts), PERMALINK_WAIT_MS);
  if (raced.done && raced.value) message.permalink = raced.value;
  return inbound;
}

const PERMALINK_WAIT_MS = 1000;

/** The durable path: answer Slack once the event is stored; the service processes it from its inbox. */
async function accept(deps: ListenerDeps, accept: NonNullable<ListenerDeps['service']['accept']>, inbound: Taken, eventId: string): Promise<void> {
  const taken = await withPermalink(deps, inbound);
  const event = taken.kind === 'message'
    ? { kind: 'message' as const, message: taken.message, dedupKey: eventId }
    : taken.kind === 'edit'
      ? { kind: 'edit' as const, ref: taken.ref, edit: taken.edit, dedupKey: eventId, ...(taken.message ? { message: taken.message } : {}) }
      : { kind: 'delete' as const, ref: taken.ref, deletedAt: taken.deletedAt, dedupKey: eventId };
  try {
    const result = await accept(event);
    if (result === 'duplicate') deps.log.debug({ eventId }, 'slack: event accepted before; not queued again');
  } catch (error) {
    deps.log.error({ eventId, error: summarise([error]) }, 'slack: could not store the event; answering 500 so that Slack redelivers');
    throw error;
  }
}

async function dispatch(deps: ListenerDeps, inbound: Taken, eventId: string): Promise<void> {
  switch (inbound.kind) {
    case 'message': {
      const { message } = (await withPermalink(deps, inbound)) as Extract<Taken, { kind: 'message' }>;
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
    const durable = deps.durableAck ? deps.service.accept?.bind(deps.service) : undefined;
    if (durable) return accept(deps, durable, inbound, eventId);
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
