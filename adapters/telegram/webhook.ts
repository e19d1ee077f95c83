// Optional webhook delivery. Telegram sends the secret given to setWebhook in
// X-Telegram-Bot-Api-Secret-Token; any request without it is refused before any work. An update is
// answered 200 only after the bot service committed it; a 500 makes Telegram deliver it again.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../src/observability/logger.js';

const MAX_BODY_BYTES = 1_000_000;

export interface WebhookServer {
  port: number;
  close(): Promise<void>;
}

export async function startWebhookServer(options: { path: string; secret: string; port: number; host?: string }, handle: (update: unknown) => Promise<void>, log: Logger): Promise<WebhookServer> {
  const expected = digest(options.secret);
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') return res.writeHead(405).end();
      if ((req.url ?? '').split('?')[0] !== options.path) return res.writeHead(404).end();
      const given = req.headers['x-telegram-bot-api-secret-token'];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
        log.warn({ remote: req.socket.remoteAddress }, 'telegram webhook request refused: wrong secret token');
        return res.writeHead(403).end();
      }
      let update: unknown;
      try {
        update = JSON.parse(await readBody(req));
      } catch (error) {
        return res.writeHead(error instanceof BodyTooLarge ? 413 : 400).end();
      }
      try {
        await handle(update);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(500).end();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Comparing fixed-length digests keeps the comparison constant-time whatever length was sent. */
function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
