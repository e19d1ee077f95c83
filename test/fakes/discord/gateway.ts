// A fake Discord gateway (v10, JSON, no compression) on 127.0.0.1: HELLO, heartbeat ACKs, IDENTIFY →
// READY + GUILD_CREATE, dispatches on demand, and RECONNECT → RESUME with a chosen replay.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreate, type FakeGuild, type FakeUser } from './payloads.js';

interface Dispatch {
  s: number;
  t: string;
  d: unknown;
}

export interface Identify {
  token: string;
  intents: number;
}

export class FakeDiscordGateway {
  readonly identifies: Identify[] = [];
  readonly resumes: Array<{ seq: number; session_id: string }> = [];
  private server?: WebSocketServer;
  private socket?: WebSocket;
  private seq = 0;
  private readonly history: Dispatch[] = [];
  private readonly sessionId = 'fake-session';
  /** On the next RESUME, replay every event after this sequence number (Discord replays what it thinks was missed). */
  private replayFrom?: number;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly botUser: FakeUser,
    private readonly applicationId: string,
    private readonly guilds: FakeGuild[],
  ) {}

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `ws://127.0.0.1:${port}`;
  }

  get lastSequence(): number {
    return this.seq;
  }

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => this.server!.once('listening', resolve));
    this.server.on('connection', (socket) => this.accept(socket));
  }

  async close(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Sends an event to the connected client; returns its sequence number. */
  dispatch(t: string, d: unknown): number {
    const event = { s: ++this.seq, t, d };
    this.history.push(event);
    this.send({ op: 0, ...event });
    return event.s;
  }

  /**
   * Asks the client to reconnect (op 7). discord.js resumes its session; the fake then replays every
   * event after `replayFrom`, as Discord does after a resume, even those the client had already seen.
   */
  requestReconnect(replayFrom: number): void {
    this.replayFrom = replayFrom;
    this.send({ op: 7, d: null });
  }

  async waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`fake Discord gateway: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        setTimeout(wake, 50);
      });
    }
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private send(payload: unknown): void {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(payload));
  }

  private accept(socket: WebSocket): void {
    this.socket = socket;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | number | null };
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) this.identify(payload.d as Record<string, unknown>);
      if (payload.op === 6) this.resume(payload.d as Record<string, unknown>);
    });
  }

  private identify(d: Record<string, unknown>): void {
    this.identifies.push({ token: String(d.token), intents: Number(d.intents) });
    this.dispatch('READY', {
      v: 10,
      user: { ...this.botUser, bot: true },
      guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: this.sessionId,
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
    });
    for (const guild of this.guilds) this.dispatch('GUILD_CREATE', guildCreate(guild));
    this.wake();
  }

  private resume(d: Record<string, unknown>): void {
    this.resumes.push({ seq: Number(d.seq), session_id: String(d.session_id) });
    const from = this.replayFrom ?? Number(d.seq);
    this.replayFrom = undefined;
    for (const event of this.history.filter((e) => e.s > from && e.t !== 'READY' && e.t !== 'GUILD_CREATE')) this.send({ op: 0, ...event });
    this.dispatch('RESUMED', {});
    this.wake();
  }
}
