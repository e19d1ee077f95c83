// The parts of Telegram Bot API objects the adapter reads, checked at run time: updates arrive as
// untrusted JSON (and telegraf 4.16's own types predate Business updates).

export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  user?: TgUser;
}

export type TgOrigin =
  | { type: 'user'; date: number; sender_user: TgUser }
  | { type: 'hidden_user'; date: number; sender_user_name: string }
  | { type: 'chat'; date: number; sender_chat: TgChat }
  | { type: 'channel'; date: number; chat: TgChat; message_id: number };

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  sender_chat?: TgChat;
  edit_date?: number;
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  reply_to_message?: TgMessage;
  forward_origin?: TgOrigin;
  forward_from?: TgUser;
  forward_sender_name?: string;
  forward_date?: number;
  business_connection_id?: string;
  [media: string]: unknown;
}

export interface TgBusinessConnection {
  id: string;
  user: TgUser;
  user_chat_id?: number;
  is_enabled: boolean;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  data?: string;
  message?: { chat?: TgChat; message_id?: number };
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  business_message?: TgMessage;
  edited_business_message?: TgMessage;
  deleted_business_messages?: { business_connection_id: string; chat: TgChat; message_ids: number[] };
  business_connection?: TgBusinessConnection;
  callback_query?: TgCallbackQuery;
}

/** Updates the bot asks Telegram for: nothing it does not use. */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
] as const;

export class MalformedUpdate extends Error {
  constructor(readonly reason: string) {
    super(`malformed Telegram update: ${reason}`);
    this.name = 'MalformedUpdate';
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function checkUser(value: unknown, what: string): TgUser {
  if (!isObject(value) || !isId(value['id'])) throw new MalformedUpdate(`${what} has no numeric id`);
  return value as unknown as TgUser;
}

export function checkChat(value: unknown, what: string): TgChat {
  if (!isObject(value) || !isId(value['id']) || typeof value['type'] !== 'string') throw new MalformedUpdate(`${what} has no chat id or type`);
  return value as unknown as TgChat;
}

export function checkMessage(value: unknown, what: string): TgMessage {
  if (!isObject(value)) throw new MalformedUpdate(`${what} is not an object`);
  if (!isId(value['message_id'])) throw new MalformedUpdate(`${what} has no message_id`);
  if (!isId(value['date'])) throw new MalformedUpdate(`${what} has no date`);
  checkChat(value['chat'], `${what}.chat`);
  if (value['from'] !== undefined) checkUser(value['from'], `${what}.from`);
  if (value['text'] !== undefined && typeof value['text'] !== 'string') throw new MalformedUpdate(`${what}.text is not a string`);
  if (value['caption'] !== undefined && typeof value['caption'] !== 'string') throw new MalformedUpdate(`${what}.caption is not a string`);
  return value as unknown as TgMessage;
}

export function displayName(user: TgUser | undefined, chat?: TgChat): string {
  if (user) {
    const name = [user.first_name, user.last_name].filter((p) => typeof p === 'string' && p.length > 0).join(' ');
    return (name || (typeof user.username === 'string' ? `@${user.username}` : '') || String(user.id)).slice(0, 200);
  }
  return (chat?.title ?? chat?.username ?? String(chat?.id ?? 'unknown')).slice(0, 200);
}
