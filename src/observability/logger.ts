// Structured logs (JSON lines on stderr). Never log message text, tokens or keys: pass ids and counts.
// The redaction list is a safety net for field names that would carry them, not a licence to pass them.
import { destination, pino, stdTimeFunctions, type Logger } from 'pino';

export type { Logger };

const REDACTED_FIELDS = [
  'text',
  'token',
  'secret',
  'password',
  'privateKey',
  'authorization',
  '*.text',
  '*.token',
  '*.secret',
  '*.privateKey',
  '*.authorization',
  'message.text',
];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.ACTS_LOG_LEVEL ?? 'info',
      base: { app: 'acts' },
      redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
      timestamp: stdTimeFunctions.isoTime,
    },
    options.destination ?? destination({ dest: 2, sync: true }),
  );
}

let shared: Logger | undefined;

/** The process-wide logger; tests can build their own with `createLogger({ destination })`. */
export function logger(): Logger {
  shared ??= createLogger();
  return shared;
}
