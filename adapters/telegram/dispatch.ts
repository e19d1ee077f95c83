// Hands one classified update to the bot service and sends the reply to the person who asked, and only
// to them: command replies go to the caller's private chat with the bot, never into a group. Bad input is
// logged (ids only) and skipped; a failure of the service propagates, so the update is not confirmed and
// Telegram delivers it again.
import type { Telegram } from 'telegraf';
import { DeliveryError, type BotService, type Caller, type InboundEvent, type OutboundMessage } from '../../src/bot/ports.js';
import type { Logger } from '../../src/observability/logger.js';
import type { TelegramClient } from './client.js';
import { usersIn, type Directory } from './directory.js';
import { isObject, MalformedUpdate, type TgChat, type TgUser } from './raw.js';
import { parseCallbackData } from './render.js';
import { businessConnectionOf, classifyUpdate, mentionedUsernames, type TelegramEvent } from './update.js';

const MODERATOR_COMMANDS = new Set(['watch', 'logchannel', 'status']);

export interface DispatchDeps {
  service: BotService;
  telegram: Telegram;
  client: TelegramClient;
  directory: Directory;
  log: Logger;
  bot: { id: number; username: string };
  now(): number;
}

export async function dispatchUpdate(deps: DispatchDeps, update: unknown): Promise<void> {
  const event = await prepareUpdate(deps, update);
  if (event) await handleEvent(deps, event, isObject(update) ? update['update_id'] : undefined);
}

/**
 * The events of a message, edit or deletion, for the service's durable inbox (processed after the update
 * is confirmed); undefined for what needs an answer now (commands, buttons, document requests).
 */
export function inboxEvents(event: TelegramEvent): InboundEvent[] | undefined {
  switch (event.kind) {
    case 'message':
      return [{ kind: 'message', message: event.message, dedupKey: event.dedupKey }];
    case 'edit':
      return [{ kind: 'edit', ref: event.ref, edit: event.edit, dedupKey: event.dedupKey, ...(event.message ? { message: event.message } : {}) }];
    case 'delete':
      return event.deletions.map(({ ref, dedupKey }) => ({ kind: 'delete' as const, ref, deletedAt: event.deletedAt, dedupKey }));
    default:
      return undefined;
  }
}

/** Learns who is who from the update and classifies it; undefined (logged) when it is malformed. */
export async function prepareUpdate(deps: DispatchDeps, update: unknown): Promise<TelegramEvent | undefined> {
  const updateId = isObject(update) ? update['update_id'] : undefined;
  for (const user of usersIn(update)) deps.directory.learnUser(user);
  await ensureConnection(deps, businessConnectionOf(update));
  await resolveUsernames(deps, mentionedUsernames(update));
  let event: TelegramEvent;
  try {
    event = classifyUpdate(update, {
      botId: deps.bot.id,
      botUsername: deps.bot.username,
      userIdFor: (name) => deps.directory.userIdFor(name),
      businessOwner: (id) => deps.directory.businessOwner(id),
      now: deps.now,
    });
  } catch (error) {
    if (!(error instanceof MalformedUpdate)) throw error;
    deps.log.warn({ updateId, reason: error.reason }, 'telegram update skipped: malformed');
    return undefined;
  }
  return event;
}

export async function handleEvent(deps: DispatchDeps, event: TelegramEvent, updateId: unknown): Promise<void> {
  const { service } = deps;
  switch (event.kind) {
    case 'message':
      return service.onMessage(event.message, event.dedupKey);
    case 'edit':
      return service.onEdit(event.ref, event.edit, event.dedupKey, event.message);
    case 'delete':
      for (const { ref, dedupKey } of event.deletions) await service.onDelete(ref, event.deletedAt, dedupKey);
      return;
    case 'business-connection':
      deps.directory.learnConnection(event.connection);
      deps.log.info({ updateId, owner: String(event.connection.user.id), enabled: event.connection.is_enabled }, 'telegram Business connection');
      return;
    case 'command': {
      if (event.alsoMessage) await service.onMessage(event.alsoMessage.message, event.alsoMessage.dedupKey);
      const caller = await callerOf(deps, event.from, event.chat, MODERATOR_COMMANDS.has(event.name));
      const answer = await service.onCommand({ caller, name: event.name, args: event.args });
      return replyTo(deps, event.from, event.chat, answer);
    }
    case 'private-text':
      return replyTo(deps, event.from, undefined, await service.onCommand({ caller: await callerOf(deps, event.from), name: 'help', args: '' }));
    case 'document': {
      const answer = await service.onDocumentRequest(event.message, await callerOf(deps, event.from));
      return replyTo(deps, event.from, undefined, answer);
    }
    case 'callback':
      return callback(deps, event.queryId, event.from, event.data);
    case 'ignore':
      deps.log.debug({ updateId, reason: event.reason }, 'telegram update ignored');
      return;
  }
}

async function callback(deps: DispatchDeps, queryId: string, from: TgUser, data: string): Promise<void> {
  const parsed = parseCallbackData(data);
  const answer = parsed
    ? await deps.service.onAction(await callerOf(deps, from), parsed.actionId, parsed.value)
    : { text: 'This button is not valid (any more).' };
  // Stops the button's spinner; the answer itself goes to the person's private chat.
  await deps.telegram.answerCbQuery(queryId, answer.text.slice(0, 190)).catch((error: unknown) => {
    deps.log.debug({ reason: error instanceof Error ? error.name : 'unknown' }, 'answerCallbackQuery failed (it may have expired)');
  });
  await replyTo(deps, from, undefined, answer);
}

async function callerOf(deps: DispatchDeps, from: TgUser, chat?: TgChat, checkModerator = false): Promise<Caller> {
  const inGroup = chat !== undefined && (chat.type === 'group' || chat.type === 'supergroup');
  const caller: Caller = { platform: 'telegram', userId: String(from.id), isModerator: false, channelId: String(chat?.id ?? from.id) };
  if (from.first_name) caller.displayName = from.first_name.slice(0, 100);
  if (typeof from.username === 'string' && from.username.length > 0) caller.handle = from.username;
  if (inGroup) {
    caller.workspaceId = String(chat.id);
    if (checkModerator) caller.isModerator = await isGroupAdmin(deps, chat.id, from.id);
  }
  return caller;
}

async function isGroupAdmin(deps: DispatchDeps, chatId: number, userId: number): Promise<boolean> {
  const member = await deps.telegram.getChatMember(chatId, userId);
  return member.status === 'creator' || member.status === 'administrator';
}

/** The reply goes to the caller's private chat. If they never started the bot, a group gets a hint with nothing in it. */
async function replyTo(deps: DispatchDeps, from: TgUser, chat: TgChat | undefined, answer: OutboundMessage): Promise<void> {
  try {
    try {
      await deps.client.sendDirect(String(from.id), answer);
    } catch (error) {
      // One short rate-limit wait is worth it for a person waiting for an answer; longer ones are not.
      if (!(error instanceof DeliveryError) || error.failure.kind !== 'rate-limited' || error.failure.retryAfterMs > 10_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.failure.kind === 'rate-limited' ? error.failure.retryAfterMs : 0));
      await deps.client.sendDirect(String(from.id), answer);
    }
  } catch (error) {
    const failure = error instanceof DeliveryError ? error.failure : undefined;
    deps.log.warn({ user: String(from.id), failure: failure?.kind ?? 'unknown' }, 'command reply not delivered');
    if (failure?.kind === 'unreachable' && chat && chat.type !== 'private') {
      await deps.telegram
        .sendMessage(chat.id, `I answer commands only in private. Open a chat with @${deps.bot.username}, press Start, then send the command there.`)
        .catch(() => undefined);
    }
  }
}

/** Protected people mentioned by @username whom this process has not seen yet (e.g. after a restart). */
async function resolveUsernames(deps: DispatchDeps, usernames: string[]): Promise<void> {
  if (!deps.service.resolveHandle) return;
  for (const username of usernames) {
    if (deps.directory.userIdFor(username) !== undefined) continue;
    const id = await deps.service.resolveHandle('telegram', username);
    if (id && /^\d{1,20}$/u.test(id)) deps.directory.learnUser({ id: Number(id), username });
  }
}

/** Business updates name a connection; if it is new to this process, ask Telegram who owns it. */
async function ensureConnection(deps: DispatchDeps, connectionId: string | undefined): Promise<void> {
  if (!connectionId || deps.directory.businessOwner(connectionId) !== undefined) return;
  try {
    const connection = await (deps.telegram.callApi as unknown as (method: string, payload: object) => Promise<unknown>)('getBusinessConnection', { business_connection_id: connectionId });
    if (isObject(connection) && typeof connection['id'] === 'string' && isObject(connection['user'])) {
      deps.directory.learnConnection(connection as never);
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A 4xx means the connection is gone; anything else may pass, so the update is tried again later.
    if (typeof code === 'number' && code >= 400 && code < 500 && code !== 429) return;
    throw error;
  }
}
