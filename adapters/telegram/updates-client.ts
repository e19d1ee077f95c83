// getUpdates over one kept-alive connection. Long polling asks every few milliseconds under load, and a
// new TCP (and TLS) connection for each request costs more than the request itself. The URL is resolved
// against the API root exactly as telegraf resolves its methods, so both reach the same server; errors
// carry only Telegram's code and parameters, never the URL (it holds the token).
import http from 'node:http';
import https from 'node:https';

export class UpdatesError extends Error {
  constructor(
    readonly code: number | undefined,
    readonly parameters: { retry_after?: number } | undefined,
  ) {
    super(code === undefined ? 'getUpdates failed' : `getUpdates failed with ${code}`);
    this.name = 'UpdatesError';
  }
}

export interface UpdatesQuery {
  offset: number;
  limit: number;
  timeout: number;
  allowed_updates: readonly string[];
}

export class UpdatesClient {
  private readonly url: URL;
  private readonly agent: http.Agent;

  /** `apiRoot` as given to telegraf (ending in '/', see start.ts). */
  constructor(apiRoot: string, token: string) {
    this.url = new URL(`./bot${token}/getUpdates`, apiRoot);
    this.agent = this.url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: 1 }) : new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  getUpdates(query: UpdatesQuery, signal: AbortSignal): Promise<unknown[]> {
    const body = JSON.stringify(query);
    const send = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(this.url, { method: 'POST', agent: this.agent, signal, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => reject(new UpdatesError(undefined, undefined)));
        res.on('end', () => {
          let answer: { ok?: unknown; result?: unknown; error_code?: unknown; parameters?: { retry_after?: number } };
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof answer;
          } catch {
            return reject(new UpdatesError(res.statusCode, undefined));
          }
          if (answer.ok === true && Array.isArray(answer.result)) return resolve(answer.result as unknown[]);
          reject(new UpdatesError(typeof answer.error_code === 'number' ? answer.error_code : res.statusCode, answer.parameters));
        });
      });
      // A network error's message can name the host; only the class travels on.
      req.on('error', (error) => reject(signal.aborted ? error : new UpdatesError(undefined, undefined)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
