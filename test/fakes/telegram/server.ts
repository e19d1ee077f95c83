// A fake Telegram Bot API on 127.0.0.1 for telegraf: long polling with real offset semantics, and a
// record of every other call. Failures (429 with retry_after, 5xx, 403) can be injected per method.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, type UploadedFile } from './body.js';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  files: UploadedFile[];
  at: number;
  /** The error code the fake answered with, if it failed the call. */
  failedWith?: number;
}

export interface InjectedFailure {
  code: number;
  description?: string;
  retryAfter?: number;
}

export interface FakeTelegramOptions {
  token?: string;
  bot?: { id: number; username: string; first_name?: string };
  /** How long an empty getUpdates is held open (Telegram holds it up to `timeout` seconds). */
  holdMs?: number;
  /** Called with each getUpdates offset the bot sends (the load driver times confirmations with it). */
  onOffset?: (offset: number) => void;
  /** Serve the Bot API under a path, as a self-hosted server behind a reverse proxy may (`/tg`). */
  pathPrefix?: string;
}

export class FakeTelegram {
  readonly token: string;
  readonly bot: { id: number; username: string; first_name: string; is_bot: true };
  readonly calls: ApiCall[] = [];
  /** getUpdates offsets the bot sent, in order: what it confirmed. */
  readonly offsets: number[] = [];
  readonly chatMembers = new Map<string, string>();
  readonly businessConnections = new Map<string, { id: string; user: { id: number; first_name: string; username?: string }; user_chat_id: number; date: number; is_enabled: boolean }>();
  private readonly queue: Array<Record<string, unknown> & { update_id: number }> = [];
  private readonly failures = new Map<string, InjectedFailure[]>();
  private readonly waiters = new Set<() => void>();
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private confirmed = 0;

  private readonly onOffset: ((offset: number) => void) | undefined;
  private readonly pathPrefix: string;

  private constructor(private readonly server: Server, private readonly holdMs: number, options: FakeTelegramOptions) {
    this.onOffset = options.onOffset;
    this.pathPrefix = options.pathPrefix ?? '';
    this.token = options.token ?? '123456:TEST-token-not-real';
    this.bot = { id: 999000, username: 'acts_test_bot', first_name: 'ACTS', ...options.bot, is_bot: true };
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const holder: { fake?: FakeTelegram } = {};
    const server = createServer((req, res) => {
      holder.fake!.serve(req.url ?? '', req).then(
        ({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        () => res.writeHead(500).end(),
      );
    });
    const fake = new FakeTelegram(server, options.holdMs ?? 200, options);
    holder.fake = fake;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.pathPrefix}`;
  }

  /** Queues an update for getUpdates; returns its update_id. */
  push(update: Record<string, unknown>): number {
    const withId = { ...update, update_id: this.nextUpdateId++ };
    this.queue.push(withId);
    this.wake();
    return withId.update_id;
  }

  /** Puts an update back as if the bot had never confirmed it (a restart before its offset was saved). */
  redeliver(updateId: number, update: Record<string, unknown>): void {
    this.queue.push({ ...update, update_id: updateId });
    this.queue.sort((a, b) => a.update_id - b.update_id);
    this.confirmed = Math.min(this.confirmed, updateId);
    this.wake();
  }

  failNext(method: string, failure: InjectedFailure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(failure);
    this.failures.set(method, list);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.failedWith === undefined);
  }

  /** Successful sendMessage/sendDocument calls to one chat. */
  sentTo(chatId: number | string): ApiCall[] {
    return this.calls.filter((c) => ['sendMessage', 'sendDocument'].includes(c.method) && c.failedWith === undefined && String(c.params['chat_id']) === String(chatId));
  }

  /** The highest offset the bot has sent: every update below it is confirmed and never delivered again. */
  get confirmedOffset(): number {
    return this.confirmed;
  }

  /** Resolves once the bot confirmed (by its getUpdates offset) every update up to `updateId`. */
  async confirmedPast(updateId: number, timeoutMs = 10_000): Promise<void> {
    await this.until(() => this.confirmed > updateId, timeoutMs, `update ${updateId} to be confirmed`);
  }

  async until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake Telegram: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.wake();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  private async serve(url: string, req: import('node:http').IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = url.split('?')[0] ?? '';
    if (!path.startsWith(`${this.pathPrefix}/`)) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec(path.slice(this.pathPrefix.length));
    if (!match || match[1] !== this.token) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    const method = match[2]!;
    const { fields, files } = await readBody(req);
    const failure = this.failures.get(method)?.shift();
    if (method === 'getUpdates') return failure ? this.fail({ method, params: fields, files, at: Date.now() }, failure) : this.getUpdates(fields);
    const call: ApiCall = { method, params: fields, files, at: Date.now() };
    if (failure) return this.fail(call, failure);
    this.calls.push(call);
    return { status: 200, body: { ok: true, result: this.result(method, fields) } };
  }

  private fail(call: ApiCall, failure: InjectedFailure): { status: number; body: unknown } {
    if (call.method !== 'getUpdates') this.calls.push({ ...call, failedWith: failure.code });
    const description = failure.description ?? (failure.code === 429 ? `Too Many Requests: retry after ${failure.retryAfter ?? 1}` : 'Injected failure');
    return {
      status: failure.code,
      body: { ok: false, error_code: failure.code, description, ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}) },
    };
  }

  private async getUpdates(params: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const offset = Number(params['offset'] ?? 0);
    const limit = Math.min(100, Number(params['limit'] ?? 100) || 100);
    this.offsets.push(offset);
    if (offset > 0) {
      this.confirmed = Math.max(this.confirmed, offset);
      this.onOffset?.(offset);
      for (let i = this.queue.length - 1; i >= 0; i -= 1) if (this.queue[i]!.update_id < offset) this.queue.splice(i, 1);
    }
    const ready = () => this.queue.filter((u) => u.update_id >= offset).slice(0, limit);
    if (ready().length === 0 && Number(params['timeout'] ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiters.delete(done);
          resolve();
        }, this.holdMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.add(done);
      });
    }
    return { status: 200, body: { ok: true, result: ready() } };
  }

  private result(method: string, params: Record<string, unknown>): unknown {
    const now = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'getMe':
        return { ...this.bot, can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false };
      case 'sendMessage':
      case 'sendDocument':
        return { message_id: this.nextMessageId++, date: now, chat: { id: Number(params['chat_id']), type: 'private' }, from: { ...this.bot }, text: params['text'] };
      case 'getChatMember': {
        const status = this.chatMembers.get(`${String(params['chat_id'])}:${String(params['user_id'])}`) ?? 'member';
        return { status, user: { id: Number(params['user_id']), is_bot: false, first_name: 'someone' } };
      }
      case 'getBusinessConnection':
        return this.businessConnections.get(String(params['business_connection_id'])) ?? { id: String(params['business_connection_id']), user: { id: 0, first_name: 'unknown' }, user_chat_id: 0, date: now, is_enabled: false };
      default:
        return true;
    }
  }
}
