// Who opted in, how they want to be told, and which communities their moderators watch. Everything is
// keyed by the person key (src/core/keys.ts) or the community, never by anything a caller can choose.
import type { Platform } from '../core/types.js';
import type { KeyValueStore } from './store.js';

/** How to reach a protected person: what PlatformClient.sendDirect needs. */
export interface Contact {
  platform: Platform;
  userId: string;
  workspaceId?: string;
}

export interface Protection extends Contact {
  since: string;
}

export interface Preferences {
  /** Collect notices into one summary a day instead of a DM each. */
  digest: boolean;
  /** Also tell the person about grey (uncertain) verdicts. */
  grey: boolean;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({ digest: false, grey: true });

export interface CommunitySettings {
  watching: boolean;
  logChannelId?: string;
  changedBy: string;
  changedAt: string;
}

export class Registry {
  constructor(private readonly store: KeyValueStore) {}

  protection(personKey: string): Promise<Protection | undefined> {
    return this.store.get<Protection>(`protect:${personKey}`);
  }

  async protect(personKey: string, protection: Protection): Promise<boolean> {
    return this.store.add(`protect:${personKey}`, protection);
  }

  unprotect(personKey: string): Promise<boolean> {
    return this.store.delete(`protect:${personKey}`);
  }

  async preferences(personKey: string): Promise<Preferences> {
    return { ...DEFAULT_PREFERENCES, ...(await this.store.get<Partial<Preferences>>(`prefs:${personKey}`)) };
  }

  async setPreference<K extends keyof Preferences>(personKey: string, name: K, value: Preferences[K]): Promise<void> {
    const current = await this.preferences(personKey);
    await this.store.set(`prefs:${personKey}`, { ...current, [name]: value });
  }

  community(platform: Platform, workspaceId: string): Promise<CommunitySettings | undefined> {
    return this.store.get<CommunitySettings>(communityKey(platform, workspaceId));
  }

  async updateCommunity(platform: Platform, workspaceId: string, change: Partial<CommunitySettings> & Pick<CommunitySettings, 'changedBy' | 'changedAt'>): Promise<CommunitySettings> {
    const current = (await this.community(platform, workspaceId)) ?? { watching: false, changedBy: change.changedBy, changedAt: change.changedAt };
    const next: CommunitySettings = { ...current, ...change };
    if (next.logChannelId === undefined) delete next.logChannelId;
    await this.store.set(communityKey(platform, workspaceId), next);
    return next;
  }

  /** A protected person's handle (Telegram @username) → their user id, so mentions by handle find them after a restart. */
  async rememberHandle(platform: Platform, handle: string, userId: string): Promise<void> {
    const key = handleKey(platform, handle);
    if ((await this.store.get<string>(key)) !== userId) await this.store.set(key, userId);
  }

  async forgetHandle(platform: Platform, handle: string, userId: string): Promise<void> {
    if ((await this.store.get<string>(handleKey(platform, handle))) === userId) await this.store.delete(handleKey(platform, handle));
  }

  handleOwner(platform: Platform, handle: string): Promise<string | undefined> {
    return this.store.get<string>(handleKey(platform, handle));
  }

  /** Remembers how a sender was shown, so `offenders list` can name them without asking the platform. */
  async rememberName(senderKey: string, displayName: string): Promise<void> {
    const name = displayName.slice(0, 100);
    // A read is cheap; a write is an fsync on the path of every verdict DM, and names rarely change.
    if ((await this.store.get<string>(`name:${senderKey}`)) !== name) await this.store.set(`name:${senderKey}`, name);
  }

  name(senderKey: string): Promise<string | undefined> {
    return this.store.get<string>(`name:${senderKey}`);
  }
}

function handleKey(platform: Platform, handle: string): string {
  return `handle:${platform}:${handle.toLowerCase()}`;
}

function communityKey(platform: Platform, workspaceId: string): string {
  return `community:${platform}:${workspaceId}`;
}
