// A logger whose JSON lines tests can read (and scan for text that must never be logged).
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/observability/logger.js';

export function captureLogger(): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination: sink }), lines, text: () => lines.join('\n') };
}
