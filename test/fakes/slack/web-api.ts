// A fake Slack Web API on 127.0.0.1: answers the methods the adapter uses, checks the bearer token,
// records every call (and every POST to a response_url or upload URL), and can be told to fail.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultAnswer } from './web-api-answers.js';

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  authorization?: string;
}

export type Failure = { status: 429; retryAfter?: number } | { status: 500 } | { error: string };

const JSON_PARAMS = new Set(['blocks', 'attachments', 'files']);

function parseBody(req: IncomingMessage, raw: string): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) {
    const params: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      params[key] = JSON_PARAMS.has(key) || key === 'payload' ? tryJson(value) : value;
    }
    return params;
  }
  return { bytes: Buffer.byteLength(raw) };
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export class FakeSlackWebApi {
  readonly calls: RecordedCall[] = [];
  /** Users for whom users.info says is_admin. */
  readonly admins = new Set<string>();
  private readonly failures = new Map<string, Failure[]>();
  private port = 0;

  private constructor(
    private readonly server: Server,
    readonly token: string,
  ) {}

  static async start(token = 'xoxb-test-token'): Promise<FakeSlackWebApi> {
    const server = createServer();
    const fake = new FakeSlackWebApi(server, token);
    server.on('request', (req, res) => void fake.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url for a command or interaction payload; POSTs to it are recorded as method `response_url`. */
  responseUrl(id = 'r1'): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `count` calls to `method` were recorded (work the adapter does after answering Slack). */
  async waitFor(method: string, count = 1): Promise<RecordedCall[]> {
    for (let i = 0; i < 500 && this.callsTo(method).length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
    return this.callsTo(method);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    const method = path.startsWith('/api/') ? path.slice(5) : path.startsWith('/respond/') ? 'response_url' : path.startsWith('/upload/') ? 'upload' : path;
    const call: RecordedCall = { method, params: parseBody(req, raw) };
    if (req.headers.authorization) call.authorization = req.headers.authorization;
    this.calls.push(call);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const isApi = path.startsWith('/api/');
    if (isApi && call.authorization !== `Bearer ${this.token}`) return send(200, { ok: false, error: 'invalid_auth' });
    const failure = this.failures.get(method)?.shift();
    if (failure && 'status' in failure && failure.status === 429) {
      return send(429, { ok: false, error: 'ratelimited' }, failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) });
    }
    if (failure && 'status' in failure) return send(failure.status, { ok: false, error: 'internal_error' });
    if (failure && 'error' in failure) return send(200, { ok: false, error: failure.error });
    send(200, isApi ? defaultAnswer(method, call.params, this) : { ok: true });
  }
}
