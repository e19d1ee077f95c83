// The "Document with ACTS" message shortcut: the person who used it asks for a message they can see
// to be analysed and archived for them. In a DM (channel ids starting with D) that person is the DM's owner.
import { isObj, slackId } from './fields.js';
import { workspaceUrlFromDomain } from './ids.js';
import { buildMessage, type Built, type Where } from './normalise-message.js';

export interface ShortcutRequest {
  requesterId: string;
  teamId: string;
  channelId: string;
}

export type ShortcutResult = { ok: true; request: ShortcutRequest; built: Built } | { ok: false; reason: string };

export function normaliseShortcut(payload: unknown, fallbackWorkspaceUrl?: (teamId: string) => string | undefined): ShortcutResult {
  if (!isObj(payload)) return { ok: false, reason: 'payload is not an object' };
  const user = isObj(payload.user) ? payload.user : {};
  const team = isObj(payload.team) ? payload.team : {};
  const channel = isObj(payload.channel) ? payload.channel : {};
  const requesterId = slackId(user.id);
  const teamId = slackId(team.id) ?? slackId(user.team_id);
  const channelId = slackId(channel.id);
  if (!requesterId || !teamId || !channelId) return { ok: false, reason: 'shortcut without user, team or channel' };
  if (!isObj(payload.message)) return { ok: false, reason: 'shortcut without a message' };

  const isDirect = channelId.startsWith('D');
  const where: Where = { teamId, channelId, isDirect };
  if (isDirect) where.dmOwnerId = requesterId;
  const workspaceUrl = workspaceUrlFromDomain(team.domain) ?? fallbackWorkspaceUrl?.(teamId);
  if (workspaceUrl) where.workspaceUrl = workspaceUrl;
  return { ok: true, request: { requesterId, teamId, channelId }, built: buildMessage(payload.message, where) };
}
