// How a command is written on each platform, so replies show the exact text to type.
import { personKey } from '../../core/keys.js';
import type { Platform } from '../../core/types.js';
import type { Caller, OutboundMessage } from '../ports.js';

export function cmd(platform: Platform, line: string): string {
  return platform === 'telegram' ? `/${line}` : `/acts ${line}`;
}

export function callerKey(caller: Caller): string {
  return personKey(caller.platform, caller.userId, caller.workspaceId);
}

export function reply(text: string, fields?: OutboundMessage['fields']): OutboundMessage {
  return fields && fields.length > 0 ? { text, fields } : { text };
}

/** Splits `add word birthday` into `add` and `word birthday`. */
export function firstWord(args: string): [string, string] {
  const trimmed = args.trim();
  const space = trimmed.search(/\s/u);
  return space < 0 ? [trimmed.toLowerCase(), ''] : [trimmed.slice(0, space).toLowerCase(), trimmed.slice(space + 1).trim()];
}

/** `on`/`off` (and the usual synonyms); undefined for anything else. */
export function onOff(word: string): boolean | undefined {
  if (['on', 'yes', 'true', 'enable', '1'].includes(word)) return true;
  if (['off', 'no', 'false', 'disable', '0'].includes(word)) return false;
  return undefined;
}
