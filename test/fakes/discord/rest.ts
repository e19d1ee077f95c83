// A fake Discord REST API (v10) on 127.0.0.1 that discord.js's REST client talks to. It records every
// call, answers the routes the bot uses, and can be told to fail the next matching calls (429, 5xx, codes).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeUser } from './payloads.js';
import { newSnowflake } from './snowflakes.js';

export interface RecordedCall {
  method: string;
  /** Path below /api/v10, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or the `payload_json` part of a multipart body. */
  body: unknown;
  /** Names of the files of a multipart body. */
  files: string[];
  /** Status the fake answered with. */
  status: number;
  at: number;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  remaining: number;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export class FakeDiscordRest {
  readonly calls: RecordedCall[] = [];
  gatewayUrl = '';
  private server?: Server;
  private readonly failures: Failure[] = [];
  private readonly dmChannels = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly botUser: FakeUser,
    /** Channels GET /channels/:id knows (id → type and guild). */
    readonly channels = new Map<string, { type: number; guildId?: string; name?: string }>(),
  ) {}

  get apiUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server!.once('listening', resolve));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The next `times` calls matching method and path get this answer instead. */
  failNext(method: string, path: RegExp, reply: { status: number; code?: number; message?: string; headers?: Record<string, string> }, times = 1): void {
    const body = { code: reply.code ?? 0, message: reply.message ?? `fake failure ${reply.status}` };
    this.failures.push({ method, path, status: reply.status, body, headers: reply.headers ?? {}, remaining: times });
  }

  /** A 429 as Discord sends it: Retry-After and the X-RateLimit-* headers. */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number, times = 1): void {
    this.failures.push({
      method,
      path,
      status: 429,
      remaining: times,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      headers: {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfterSeconds),
        'x-ratelimit-bucket': 'fake-bucket',
        'x-ratelimit-scope': 'user',
      },
    });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Resolves with the calls once `count` calls match (rejects after `timeoutMs`). */
  async waitForCalls(method: string, path: RegExp, count = 1, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.callsTo(method, path);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`fake Discord REST: expected ${count} × ${method} ${path}, saw ${found.length}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.listeners.delete(wake);
          resolve();
        };
        this.listeners.add(wake);
        setTimeout(wake, 50);
      });
    }
  }

  dmChannelOf(userId: string): string | undefined {
    return this.dmChannels.get(userId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const raw = await readBody(req);
    const { body, files } = await parseBody(raw, req.headers['content-type'] ?? '');
    const method = req.method ?? 'GET';
    const failure = this.failures.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    let reply: Reply;
    if (failure) {
      failure.remaining -= 1;
      reply = { status: failure.status, body: failure.body, headers: failure.headers };
    } else {
      reply = this.route(method, path, body);
    }
    this.calls.push({ method, path, query: url.searchParams, body, files, status: reply.status, at: Date.now() });
    res.writeHead(reply.status, { ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }), ...reply.headers });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    for (const wake of [...this.listeners]) wake();
  }

  private route(method: string, path: string, body: unknown): Reply {
    const json = (body ?? {}) as Record<string, unknown>;
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return { status: 200, body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: this.botUser };
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String(json.recipient_id);
      const id = this.dmChannels.get(recipient) ?? newSnowflake();
      this.dmChannels.set(recipient, id);
      this.channels.set(id, { type: 1 });
      return { status: 200, body: { id, type: 1, last_message_id: null, recipients: [{ id: recipient, username: `user${recipient}`, discriminator: '0', global_name: null, avatar: null }] } };
    }
    if ((m = path.match(/^\/channels\/(\d+)$/)) && method === 'GET') {
      const channel = this.channels.get(m[1]!);
      if (!channel) return { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
      return { status: 200, body: { id: m[1], type: channel.type, guild_id: channel.guildId, name: channel.name, position: 0, permission_overwrites: [] } };
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      return { status: 200, body: this.sentMessage(m[1]!, json) };
    }
    if ((m = path.match(/^\/applications\/(\d+)\/commands$/)) && method === 'PUT') {
      const commands = Array.isArray(body) ? body : [];
      return { status: 200, body: commands.map((c: Record<string, unknown>) => ({ ...c, id: newSnowflake(), application_id: m![1], version: newSnowflake() })) };
    }
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path) && method === 'POST') return { status: 204 };
    if ((m = path.match(/^\/webhooks\/(\d+)\/[^/]+\/messages\/@original$/)) && method === 'PATCH') {
      return { status: 200, body: this.sentMessage('0', json, m[1]) };
    }
    return { status: 404, body: { code: 0, message: '404: Not Found' } };
  }

  private sentMessage(channelId: string, json: Record<string, unknown>, webhookId?: string): Record<string, unknown> {
    return {
      id: newSnowflake(),
      channel_id: channelId,
      author: this.botUser,
      content: json.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: json.embeds ?? [],
      components: json.components ?? [],
      pinned: false,
      type: 0,
      flags: json.flags ?? 0,
      ...(webhookId ? { webhook_id: webhookId } : {}),
    };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: string[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: string[] = [];
    let body: unknown;
    for (const [name, value] of form.entries()) {
      if (name === 'payload_json') body = JSON.parse(String(value));
      else if (typeof value !== 'string') files.push(value.name);
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    return { body: raw.toString('utf8'), files: [] };
  }
}
