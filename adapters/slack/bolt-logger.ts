// Bolt and the Web API client log request bodies at debug level and raw error text at warn/error.
// This bridge keeps only warnings and errors, reduced to error names/codes and scrubbed strings,
// so no message text, token or response_url (a bearer capability) reaches our logs.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/observability/logger.js';

const MAX_CHARS = 300;

function scrub(text: string): string {
  return text
    .replace(/xox[a-z]-[A-Za-z0-9-]+/g, '[token]')
    .replace(/https?:\/\/\S+/g, '[url]')
    .slice(0, MAX_CHARS);
}

export function summarise(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (part instanceof Error) {
        const { code, failure } = part as { code?: unknown; failure?: { kind?: unknown; detail?: unknown } };
        if (failure && typeof failure.kind === 'string') return `${part.name} (${failure.kind}${typeof failure.detail === 'string' ? `: ${failure.detail}` : ''})`;
        return typeof code === 'string' ? `${part.name} (${code})` : part.name;
      }
      return typeof part === 'string' ? scrub(part) : `[${typeof part}]`;
    })
    .join(' ')
    .slice(0, MAX_CHARS);
}

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => log.warn({ library: summarise(parts) }, 'slack library warning'),
    error: (...parts: unknown[]) => log.error({ library: summarise(parts) }, 'slack library error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
