// Classifies one Telegram update into what the bot service should hear. Pure: anything it needs to know
// (the bot's identity, Business connection owners, known usernames) comes in through the context.
import type { Message } from '../../src/core/types.js';
import type { MessageRef } from '../../src/evidence/contracts.js';
import { chatScopedId, forwardedMessage, toMessage, type MessageContext } from './message.js';
import { checkChat, checkMessage, checkUser, isId, isObject, MalformedUpdate, type TgBusinessConnection, type TgChat, type TgMessage, type TgUser } from './raw.js';

export interface UpdateContext extends MessageContext {
  botUsername: string;
  /** The owner of a Business connection the adapter knows about. */
  businessOwner(connectionId: string): number | undefined;
  now(): number;
}

export type TelegramEvent =
  | { kind: 'message'; message: Message; dedupKey: string }
  | { kind: 'edit'; ref: MessageRef; edit: { text: string; editedAt: string }; dedupKey: string; message?: Message }
  | { kind: 'delete'; deletions: Array<{ ref: MessageRef; dedupKey: string }>; deletedAt: string }
  /** In a group the command text is also analysed: a command must not be a way to slip a threat past the bot. */
  | { kind: 'command'; chat: TgChat; from: TgUser; name: string; args: string; alsoMessage?: { message: Message; dedupKey: string } }
  | { kind: 'document'; message: Message; from: TgUser }
  | { kind: 'private-text'; from: TgUser }
  | { kind: 'callback'; queryId: string; from: TgUser; data: string }
  | { kind: 'business-connection'; connection: TgBusinessConnection }
  | { kind: 'ignore'; reason: string };

/** Business connection ids an update refers to, so the adapter can look up unknown owners first. */
export function businessConnectionOf(update: unknown): string | undefined {
  if (!isObject(update)) return undefined;
  for (const key of ['business_message', 'edited_business_message', 'deleted_business_messages']) {
    const inner = update[key];
    if (isObject(inner) && typeof inner['business_connection_id'] === 'string') return inner['business_connection_id'];
  }
  return undefined;
}

/** @usernames a message update mentions (for looking up protected people the adapter has not seen yet). */
export function mentionedUsernames(update: unknown): string[] {
  if (!isObject(update)) return [];
  const raw = update['message'] ?? update['business_message'] ?? update['edited_message'] ?? update['edited_business_message'];
  if (!isObject(raw)) return [];
  const text = typeof raw['text'] === 'string' ? raw['text'] : typeof raw['caption'] === 'string' ? raw['caption'] : '';
  const entities = Array.isArray(raw['entities']) ? raw['entities'] : Array.isArray(raw['caption_entities']) ? raw['caption_entities'] : [];
  const names = new Set<string>();
  for (const e of entities.slice(0, 50)) {
    if (!isObject(e) || e['type'] !== 'mention' || !isId(e['offset']) || !isId(e['length'])) continue;
    const name = text.slice(e['offset'] + 1, e['offset'] + e['length']);
    if (/^[A-Za-z0-9_]{4,64}$/u.test(name)) names.add(name.toLowerCase());
  }
  return [...names];
}

export function classifyUpdate(update: unknown, ctx: UpdateContext): TelegramEvent {
  if (!isObject(update) || !isId(update['update_id'])) throw new MalformedUpdate('no update_id');
  if (update['message'] !== undefined) return inboxMessage(checkMessage(update['message'], 'message'), ctx);
  if (update['edited_message'] !== undefined) {
    const raw = checkMessage(update['edited_message'], 'edited_message');
    if (raw.chat.type === 'private') return { kind: 'ignore', reason: 'edit in a private chat with the bot' };
    return edit(raw, ctx, {}, 'edit');
  }
  if (update['business_message'] !== undefined) {
    const raw = checkMessage(update['business_message'], 'business_message');
    const placement = business(raw.business_connection_id, ctx);
    if (!placement) return { kind: 'ignore', reason: 'unknown or disabled Business connection' };
    const message = toMessage(raw, ctx, placement);
    return { kind: 'message', message, dedupKey: `bmsg:${message.channelId}:${message.messageId}` };
  }
  if (update['edited_business_message'] !== undefined) {
    const raw = checkMessage(update['edited_business_message'], 'edited_business_message');
    const placement = business(raw.business_connection_id, ctx);
    if (!placement) return { kind: 'ignore', reason: 'unknown or disabled Business connection' };
    return edit(raw, ctx, placement, 'bedit');
  }
  if (update['deleted_business_messages'] !== undefined) return deleted(update['deleted_business_messages'], ctx);
  if (update['business_connection'] !== undefined) {
    const raw = update['business_connection'];
    if (!isObject(raw) || typeof raw['id'] !== 'string') throw new MalformedUpdate('business_connection has no id');
    checkUser(raw['user'], 'business_connection.user');
    return { kind: 'business-connection', connection: raw as unknown as TgBusinessConnection };
  }
  if (update['callback_query'] !== undefined) {
    const raw = update['callback_query'];
    if (!isObject(raw) || typeof raw['id'] !== 'string') throw new MalformedUpdate('callback_query has no id');
    const from = checkUser(raw['from'], 'callback_query.from');
    return { kind: 'callback', queryId: raw['id'], from, data: typeof raw['data'] === 'string' ? raw['data'].slice(0, 64) : '' };
  }
  return { kind: 'ignore', reason: 'update type not used' };
}

/** The commands this bot answers (see the README); in groups other /words are ordinary messages. */
export const COMMANDS = ['start', 'help', 'protect', 'unprotect', 'status', 'rules', 'offenders', 'export', 'watch', 'logchannel', 'digest', 'grey'] as const;

function inboxMessage(raw: TgMessage, ctx: UpdateContext): TelegramEvent {
  const from = raw.from;
  if (from?.id === ctx.botId) return { kind: 'ignore', reason: 'own message' };
  const isPrivate = raw.chat.type === 'private';
  const command = parseCommand(raw, ctx.botUsername);
  if (isPrivate) {
    if (!from) return { kind: 'ignore', reason: 'private message without sender' };
    if (command && command !== 'other-bot') return { kind: 'command', chat: raw.chat, from, ...command };
    if (raw.forward_origin !== undefined || raw.forward_from !== undefined || raw.forward_sender_name !== undefined) {
      return { kind: 'document', message: forwardedMessage(raw, ctx), from };
    }
    return { kind: 'private-text', from };
  }
  if (raw.chat.type === 'channel') return { kind: 'ignore', reason: 'channel post' };
  const message = toMessage(raw, ctx);
  const asMessage = { message, dedupKey: `msg:${message.channelId}:${message.messageId}` };
  if (command && command !== 'other-bot' && from && (COMMANDS as readonly string[]).includes(command.name)) {
    return { kind: 'command', chat: raw.chat, from, ...command, ...(message.mentions.length > 0 || message.replyTo ? { alsoMessage: asMessage } : {}) };
  }
  if (message.text.length === 0 && message.attachments.length === 0) return { kind: 'ignore', reason: 'service message' };
  return { kind: 'message', ...asMessage };
}

/** `/name@bot args`; 'other-bot' when addressed to another bot; undefined when not a command. */
function parseCommand(raw: TgMessage, botUsername: string): { name: string; args: string } | 'other-bot' | undefined {
  const text = raw.text;
  if (typeof text !== 'string' || !text.startsWith('/')) return undefined;
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/u.exec(text);
  if (!match) return undefined;
  if (match[2] && match[2].toLowerCase() !== botUsername.toLowerCase()) return 'other-bot';
  return { name: match[1]!.toLowerCase(), args: (match[3] ?? '').trim() };
}

function business(connectionId: unknown, ctx: UpdateContext): { businessOwnerId: number; businessConnectionId: string } | undefined {
  if (typeof connectionId !== 'string') throw new MalformedUpdate('Business message without business_connection_id');
  const owner = ctx.businessOwner(connectionId);
  return owner === undefined ? undefined : { businessOwnerId: owner, businessConnectionId: connectionId };
}

function edit(raw: TgMessage, ctx: UpdateContext, placement: { businessOwnerId?: number; businessConnectionId?: string }, prefix: string): TelegramEvent {
  const { channelId, messageId } = chatScopedId(raw.chat, raw.message_id, placement);
  const editedAt = new Date((isId(raw.edit_date) ? raw.edit_date : raw.date) * 1000).toISOString();
  const text = typeof raw.text === 'string' ? raw.text : typeof raw.caption === 'string' ? raw.caption : '';
  // The whole edited message too, so the service can judge a message that was benign until this edit.
  const message = raw.from?.id === ctx.botId ? undefined : toMessage(raw, ctx, placement);
  return { kind: 'edit', ref: { platform: 'telegram', messageId, channelId }, edit: { text, editedAt }, dedupKey: `${prefix}:${channelId}:${messageId}:${editedAt}`, ...(message ? { message } : {}) };
}

function deleted(value: unknown, ctx: UpdateContext): TelegramEvent {
  if (!isObject(value) || !Array.isArray(value['message_ids'])) throw new MalformedUpdate('deleted_business_messages has no message_ids');
  const chat = checkChat(value['chat'], 'deleted_business_messages.chat');
  const placement = business(value['business_connection_id'], ctx);
  if (!placement) return { kind: 'ignore', reason: 'unknown or disabled Business connection' };
  const deletions = value['message_ids'].filter(isId).slice(0, 1000).map((id) => {
    const { channelId, messageId } = chatScopedId(chat, id, placement);
    return { ref: { platform: 'telegram' as const, messageId, channelId }, dedupKey: `bdel:${channelId}:${messageId}` };
  });
  return { kind: 'delete', deletions, deletedAt: new Date(ctx.now()).toISOString() };
}
