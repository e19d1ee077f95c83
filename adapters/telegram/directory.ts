// What the adapter learns as it goes: @username → user id (the Bot API cannot look a username up, and
// most mentions are by username) and Business connection → account owner. Bounded, least recently used
// forgotten first.
import type { TgBusinessConnection, TgUser } from './raw.js';

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class Directory {
  private readonly usernames = new Lru<string>(100_000);
  private readonly owners = new Lru<number>(100_000);

  learnUser(user: TgUser | undefined): void {
    if (user && typeof user.username === 'string' && user.username.length > 0 && Number.isSafeInteger(user.id)) {
      this.usernames.set(user.username.toLowerCase(), String(user.id));
    }
  }

  userIdFor(username: string): string | undefined {
    return this.usernames.get(username.toLowerCase());
  }

  learnConnection(connection: TgBusinessConnection): void {
    this.learnUser(connection.user);
    if (connection.is_enabled === false) this.owners.delete(connection.id);
    else this.owners.set(connection.id, connection.user.id);
  }

  businessOwner(connectionId: string): number | undefined {
    return this.owners.get(connectionId);
  }
}

/** Every user an update shows, so later @mentions of them resolve. */
export function usersIn(update: unknown, depth = 0): TgUser[] {
  if (depth > 4 || typeof update !== 'object' || update === null) return [];
  const found: TgUser[] = [];
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    if ((key === 'from' || key === 'user' || key === 'sender_user') && typeof value === 'object' && value !== null) found.push(value as TgUser);
    else if (key === 'message' || key.endsWith('_message') || key === 'reply_to_message' || key === 'callback_query' || key === 'business_connection' || key === 'forward_origin') {
      found.push(...usersIn(value, depth + 1));
    } else if (key === 'entities' || key === 'caption_entities') {
      if (Array.isArray(value)) for (const e of value.slice(0, 200)) found.push(...usersIn(e, depth + 1));
    }
  }
  return found;
}
