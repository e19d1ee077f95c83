// A button's custom_id carries the action and the service's opaque value: `<actionId>|<value>`.
// Discord caps custom_id at 100 characters; a value that does not fit is not sent rather than cut.
import { ACTIONS } from '../../src/bot/ports.js';

export const MAX_CUSTOM_ID = 100;
const KNOWN_ACTIONS: ReadonlySet<string> = new Set(Object.values(ACTIONS));

export function encodeCustomId(actionId: string, value: string): string | undefined {
  const id = `${actionId}|${value}`;
  return id.length <= MAX_CUSTOM_ID ? id : undefined;
}

/** Undefined for any custom_id this bot did not issue. */
export function decodeCustomId(customId: string): { actionId: string; value: string } | undefined {
  const bar = customId.indexOf('|');
  if (bar <= 0) return undefined;
  const actionId = customId.slice(0, bar);
  if (!KNOWN_ACTIONS.has(actionId)) return undefined;
  return { actionId, value: customId.slice(bar + 1) };
}
