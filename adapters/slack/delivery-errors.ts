// Slack Web API failures → DeliveryError, so the service's queue knows whether and when to retry.
// The detail is Slack's error code only: never a message text, a token or a URL.
import { DeliveryError } from '../../src/bot/ports.js';

/** The person or place cannot be reached by this bot: retrying will not help; the evidence is kept anyway. */
const UNREACHABLE = new Set([
  'cannot_dm_bot',
  'user_not_found',
  'users_not_found',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_disabled',
  'messages_tab_disabled',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  // The bot's own credentials are wrong: no retry can fix it (the adapter logs these as errors).
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
]);

/** Slack's platform errors that are worth another try later. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

export const CREDENTIAL_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'missing_scope', 'no_permission']);

interface SlackLikeError {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
}

const DEFAULT_RATE_LIMIT_MS = 1000;

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as SlackLikeError;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : DEFAULT_RATE_LIMIT_MS / 1000;
      return new DeliveryError({ kind: 'rate-limited', retryAfterMs: seconds * 1000 });
    }
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error.slice(0, 80) : 'unknown_error';
      if (code === 'ratelimited' || code === 'rate_limited') return new DeliveryError({ kind: 'rate-limited', retryAfterMs: DEFAULT_RATE_LIMIT_MS });
      if (UNREACHABLE.has(code)) return new DeliveryError({ kind: 'unreachable', detail: `slack: ${code}` });
      return new DeliveryError({ kind: 'transient', detail: `slack: ${TRANSIENT.has(code) ? code : `unexpected error ${code}`}` });
    }
    case 'slack_webapi_http_error':
      return new DeliveryError({ kind: 'transient', detail: `slack: HTTP ${typeof e.statusCode === 'number' ? e.statusCode : '?'}` });
    case 'slack_webapi_request_error':
      return new DeliveryError({ kind: 'transient', detail: 'slack: network error' });
    default:
      return new DeliveryError({ kind: 'transient', detail: `slack: ${error instanceof Error ? error.name : 'unknown failure'}` });
  }
}

/** Slack's error code of a Web API failure, for logs. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = (error ?? {}) as SlackLikeError;
  if (typeof e.data?.error === 'string') return e.data.error.slice(0, 80);
  return typeof e.code === 'string' ? e.code : undefined;
}
