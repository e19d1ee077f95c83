// Discord failures → the delivery queue's three cases: wait, retry, or give up on this person.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../src/bot/ports.js';

/** JSON error codes that mean this person or channel cannot be reached; retrying will not change that. */
const UNREACHABLE_CODES: Readonly<Record<number, string>> = {
  10003: 'unknown channel',
  10013: 'unknown user',
  50001: 'missing access',
  50007: 'cannot send messages to this user (DMs closed or bot blocked)',
  50013: 'missing permissions',
  50278: 'cannot send messages to this user (no shared server)',
};

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) return new DeliveryError({ kind: 'rate-limited', retryAfterMs: Math.max(0, error.retryAfter) });
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    if (code !== undefined && UNREACHABLE_CODES[code]) return new DeliveryError({ kind: 'unreachable', detail: `discord ${code}: ${UNREACHABLE_CODES[code]}` });
    if (error.status >= 500) return new DeliveryError({ kind: 'transient', detail: `discord HTTP ${error.status}` });
    // Any other 4xx is a refusal that a retry would only repeat.
    return new DeliveryError({ kind: 'unreachable', detail: `discord HTTP ${error.status} code ${String(error.code)}` });
  }
  if (error instanceof HTTPError) return new DeliveryError({ kind: 'transient', detail: `discord HTTP ${error.status}` });
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | undefined)?.code;
  return new DeliveryError({ kind: 'transient', detail: `${name}${typeof code === 'string' ? ` ${code}` : ''}` });
}
