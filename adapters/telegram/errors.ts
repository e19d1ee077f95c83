// Telegram API failures → the service's DeliveryFailure. Only codes travel on: a telegraf error carries
// the request payload (the message text) and fetch errors once carried the URL with the token.
import { TelegramError } from 'telegraf';
import { DeliveryError, type DeliveryFailure } from '../../src/bot/ports.js';

const GONE = /blocked|deactivated|chat not found|user not found|kicked|not enough rights|bot can't initiate|PEER_ID_INVALID|have no rights/iu;

export function deliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof TelegramError) {
    const code = error.code;
    if (code === 429) {
      const seconds = Number(error.parameters?.retry_after);
      return { kind: 'rate-limited', retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 };
    }
    if (code >= 500) return { kind: 'transient', detail: `telegram ${code}` };
    const gone = typeof error.description === 'string' && GONE.test(error.description);
    if (code === 403 || gone) return { kind: 'unreachable', detail: `telegram ${code}${gone ? ' (blocked, left or never started the bot)' : ''}` };
    // Other 4xx answers will not change on a retry.
    return { kind: 'unreachable', detail: `telegram ${code} (request refused)` };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { kind: 'transient', detail: `network ${name}` };
}

export function toDeliveryError(error: unknown): DeliveryError {
  return error instanceof DeliveryError ? error : new DeliveryError(deliveryFailure(error));
}
