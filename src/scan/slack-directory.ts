// The people and conversations a Slack workspace export names: users.json, and channels.json,
// groups.json (private channels), dms.json and mpims.json (group DMs). Each is streamed and only what a
// message needs is kept (a 100,000-person users.json stays small).
import type { Container } from './container.js';
import { list, nonEmpty, record, text } from './fields.js';
import { streamJsonArray } from './json-stream.js';

export interface SlackUser {
  id: string;
  name: string;
  teamId?: string;
  isBot: boolean;
}

export interface SlackConversation {
  id: string;
  name: string;
  isDirect: boolean;
  /** Member ids for DMs and group DMs; channels keep only the count. */
  members?: string[];
  memberCount?: number;
}

export interface SlackDirectory {
  users: Map<string, SlackUser>;
  /** By export folder name: channel and group names, DM ids. */
  folders: Map<string, SlackConversation>;
  teamId?: string;
}

async function* entries(container: Container, name: string): AsyncGenerator<Record<string, unknown>> {
  if (!container.entries.some((e) => e.name === name)) return;
  for await (const element of streamJsonArray(await container.open(name), { label: name })) {
    const value = record(element.value);
    if (value) yield value;
  }
}

export async function readSlackDirectory(container: Container, root: string): Promise<SlackDirectory> {
  const users = new Map<string, SlackUser>();
  const teams = new Map<string, number>();
  for await (const u of entries(container, `${root}users.json`)) {
    const id = nonEmpty(u.id);
    if (!id) continue;
    const profile = record(u.profile);
    const name = nonEmpty(profile?.display_name) ?? nonEmpty(profile?.real_name) ?? nonEmpty(u.real_name) ?? nonEmpty(u.name) ?? id;
    const teamId = nonEmpty(u.team_id);
    if (teamId) teams.set(teamId, (teams.get(teamId) ?? 0) + 1);
    users.set(id, { id, name, isBot: u.is_bot === true, ...(teamId ? { teamId } : {}) });
  }
  const folders = new Map<string, SlackConversation>();
  const add = async (file: string, kind: 'channel' | 'dm' | 'mpim'): Promise<void> => {
    for await (const c of entries(container, `${root}${file}`)) {
      const id = nonEmpty(c.id);
      if (!id) continue;
      const members = list(c.members).map(text).filter((m): m is string => m !== undefined);
      const folder = kind === 'dm' ? id : (nonEmpty(c.name) ?? id);
      const conversation: SlackConversation = { id, name: nonEmpty(c.name) ?? id, isDirect: kind === 'dm' };
      if (kind === 'channel') conversation.memberCount = members.length;
      else conversation.members = members;
      if (kind === 'dm') conversation.name = members.map((m) => users.get(m)?.name ?? m).join(', ');
      folders.set(folder, conversation);
    }
  };
  await add('channels.json', 'channel');
  await add('groups.json', 'channel');
  await add('dms.json', 'dm');
  await add('mpims.json', 'mpim');
  const teamId = [...teams.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { users, folders, ...(teamId ? { teamId } : {}) };
}
