// Who may moderate a workspace: Slack's workspace admins and owners (users.info, scope users:read).
// Cached for a few minutes; a failed lookup answers "no" (fail closed).
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/observability/logger.js';
import { slackErrorCode } from './delivery-errors.js';

const TTL_MS = 5 * 60_000;
const CACHE_LIMIT = 5_000;

export type ModeratorLookup = (teamId: string, userId: string) => Promise<boolean>;

export function moderatorLookup(web: webApi.WebClient, log: Logger, now: () => number = Date.now): ModeratorLookup {
  const cache = new Map<string, { value: boolean; at: number }>();
  return async (teamId, userId) => {
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < TTL_MS) return hit.value;
    let value = false;
    try {
      const { user } = await web.users.info({ user: userId });
      value = Boolean(user && !user.deleted && (user.is_admin || user.is_owner || user.is_primary_owner));
    } catch (error) {
      log.warn({ teamId, userId, code: slackErrorCode(error) }, 'slack users.info failed; treating the caller as not a moderator');
      return false;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, { value, at: now() });
    return value;
  };
}
