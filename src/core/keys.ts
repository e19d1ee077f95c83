// Project-wide names for people: `telegram:USER_ID`, `discord:USER_ID`, `slack:TEAM_ID:USER_ID`,
// `email:ADDRESS`. Slack user ids are only unique within a team, so the team is part of the name.
import type { Message, Platform } from './types.js';
import { PLATFORMS } from './types.js';

export function personKey(platform: Platform, userId: string, workspaceId?: string): string {
  if (platform === 'slack') {
    if (!workspaceId) throw new Error('a Slack person key needs the team id');
    return `slack:${workspaceId}:${userId}`;
  }
  if (platform === 'email') return `email:${userId.toLowerCase()}`;
  return `${platform}:${userId}`;
}

export function authorKey(message: Message): string {
  return personKey(message.platform, message.author.id, message.workspaceId);
}

export interface ParsedPersonKey {
  platform: Platform;
  userId: string;
  workspaceId?: string;
}

/** Parses a person key; returns undefined for anything that is not one. */
export function parsePersonKey(key: string): ParsedPersonKey | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const platform = key.slice(0, colon) as Platform;
  if (!PLATFORMS.includes(platform)) return undefined;
  const rest = key.slice(colon + 1);
  if (platform === 'slack') {
    const [team, user, ...more] = rest.split(':');
    if (!team || !user || more.length > 0) return undefined;
    return { platform, userId: user, workspaceId: team };
  }
  if (rest.length === 0) return undefined;
  if (platform !== 'email' && !/^[A-Za-z0-9_-]+$/.test(rest)) return undefined;
  return { platform, userId: rest };
}
