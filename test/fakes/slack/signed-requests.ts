// Plays Slack towards Bolt's HTTP receiver: POSTs Events API, slash command and interactivity requests
// signed the way Slack signs them (v0 HMAC-SHA256 over `v0:timestamp:body`), or deliberately not.
import { createHmac } from 'node:crypto';

export interface SendOptions {
  /** X-Slack-Retry-Num, as Slack sets it on redelivery. */
  retryNum?: number;
  /** Sign with the wrong secret. */
  badSignature?: boolean;
  /** Unix seconds to put in x-slack-request-timestamp (default: now). */
  timestamp?: number;
  /** Leave the signature headers out. */
  unsigned?: boolean;
}

export interface SlackAnswer {
  status: number;
  body: string;
  json(): unknown;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class SlackSender {
  constructor(
    private readonly url: string,
    private readonly signingSecret: string,
  ) {}

  event(envelope: unknown, options: SendOptions = {}): Promise<SlackAnswer> {
    return this.post(JSON.stringify(envelope), 'application/json', options);
  }

  command(fields: Record<string, string>, options: SendOptions = {}): Promise<SlackAnswer> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  interaction(payload: unknown, options: SendOptions = {}): Promise<SlackAnswer> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  async post(body: string, contentType: string, options: SendOptions): Promise<SlackAnswer> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (!options.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = sign(options.badSignature ? `${this.signingSecret}-wrong` : this.signingSecret, timestamp, body);
    }
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const response = await fetch(this.url, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, body: text, json: () => JSON.parse(text) as unknown };
  }
}
