// WHOIS (RFC 3912) over TCP port 43, only with `--whois`: ask a server (whois.iana.org by default), follow
// its referral (`refer:` / `whois:` / `ReferralServer:`) to the registry that knows, and keep every answer
// with the time it was given — registration data changes, so the evidence says when it was true.
import { Socket } from 'node:net';
import type { Message } from '../core/types.js';

export interface WhoisAnswer {
  server: string;
  query: string;
  /** ISO 8601 time the answer was received. */
  at: string;
  answer?: string;
  error?: string;
}

export interface WhoisOptions {
  /** First server, `host` or `host:port`. */
  server?: string;
  timeoutMs?: number;
  maxHops?: number;
  maxBytes?: number;
}

function hostPort(server: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(server.replace(/^whois:\/\//i, '').replace(/\/.*$/, ''));
  return { host: match?.[1] ?? server, port: match?.[2] ? Number(match[2]) : 43 };
}

function ask(server: string, query: string, timeoutMs: number, maxBytes: number): Promise<string> {
  const { host, port } = hostPort(server);
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const chunks: Buffer[] = [];
    let size = 0;
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.connect(port, host, () => socket.write(`${query}\r\n`));
  });
}

/** The server an answer refers to, if any (IANA's `refer:`/`whois:`, ARIN's `ReferralServer:`). */
export function referral(answer: string): string | undefined {
  const match = /^\s*(?:refer|whois|ReferralServer)\s*:\s*(\S+)\s*$/im.exec(answer);
  const target = match?.[1];
  if (!target || /^rwhois:/i.test(target)) return undefined;
  return target.replace(/^whois:\/\//i, '');
}

export class WhoisClient {
  private readonly cache = new Map<string, Promise<WhoisAnswer[]>>();
  lookups = 0;

  constructor(private readonly options: WhoisOptions = {}) {}

  /** Every answer on the way from the first server to the one that knows, in order. Never throws. */
  lookup(query: string): Promise<WhoisAnswer[]> {
    const key = query.toLowerCase();
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.chain(query);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async chain(query: string): Promise<WhoisAnswer[]> {
    const answers: WhoisAnswer[] = [];
    const visited = new Set<string>();
    let server: string | undefined = this.options.server ?? 'whois.iana.org';
    for (let hop = 0; server && hop < (this.options.maxHops ?? 3) && !visited.has(server.toLowerCase()); hop++) {
      visited.add(server.toLowerCase());
      this.lookups++;
      const current: string = server;
      try {
        const answer = await ask(current, query, this.options.timeoutMs ?? 10_000, this.options.maxBytes ?? 256 * 1024);
        answers.push({ server: current, query, at: new Date().toISOString(), answer });
        server = referral(answer);
      } catch (error) {
        answers.push({ server: current, query, at: new Date().toISOString(), error: (error as Error).message });
        break;
      }
    }
    return answers;
  }
}

/** For a mail: looks up its originating IP and the sender's domain and keeps the answers in `extra.whois`. */
export function whoisEnricher(client: WhoisClient): (message: Message) => Promise<void> {
  return async (message) => {
    const email = message.extra?.email as { originatingIp?: { ip?: string } | null; senderDomain?: string } | undefined;
    if (!email) return;
    const whois: Record<string, WhoisAnswer[]> = {};
    if (email.originatingIp?.ip) whois.ip = await client.lookup(email.originatingIp.ip);
    if (email.senderDomain) whois.domain = await client.lookup(email.senderDomain);
    if (Object.keys(whois).length > 0) message.extra = { ...message.extra, whois };
  };
}
