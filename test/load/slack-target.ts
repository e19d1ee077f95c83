// Slack as the load target: signed Events API requests to the bot's /slack/events; acknowledged = 200.
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { FakeSlackWebApi } from '../fakes/slack/web-api.js';
import { commandFields, envelope, messageEvent } from '../fakes/slack/payloads.js';
import { sign } from '../fakes/slack/signed-requests.js';
import type { LoadTarget, Sent } from './target.js';
import type { Planned } from './traffic.js';

const SECRET = 'load-test-signing-secret';
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function protectedUser(i: number): string {
  return `U0P${String(i).padStart(5, '0')}`;
}

function post(port: number, urlPath: string, body: string, type: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, method: 'POST', agent, timeout: 10_000, headers: {
      'content-type': type, 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(SECRET, ts, body),
    } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function slackTarget(): Promise<LoadTarget> {
  const fake = await FakeSlackWebApi.start();
  const port = await freePort();
  let inflight = 0;
  return {
    name: 'slack',
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: String(port), SLACK_API_URL: fake.apiUrl },
    readyLog: 'slack requests accepted',
    dedupPrefix: 'bot:dedup:slack:EvL',
    async protect(count) {
      for (let i = 0; i < count; i += 1) {
        const status = await post(port, '/slack/events', new URLSearchParams(commandFields('protect', fake.responseUrl(`p${i}`), { user_id: protectedUser(i), user_name: `p${i}` })).toString(), 'application/x-www-form-urlencoded');
        if (status !== 200) throw new Error(`/acts protect answered ${status}`);
      }
    },
    send(planned: Planned): Sent {
      const { n } = planned;
      const ts = `1800000000.${String(n).padStart(6, '0')}`;
      const text = planned.recipient === undefined ? planned.text : `<@${protectedUser(planned.recipient)}> ${planned.text}`;
      const body = JSON.stringify(envelope(messageEvent({ user: `U0S${String(n % 997).padStart(5, '0')}`, text, ts, event_ts: ts, channel: `C0CHAN${n % 20}` }), { event_id: `EvL${String(n).padStart(9, '0')}` }));
      const item: Sent = { ...planned, id: ts, sentAt: Date.now() };
      inflight += 1;
      void post(port, '/slack/events', body, 'application/json').then((status) => {
        item.acked = status === 200;
        item.ackMs = Date.now() - item.sentAt;
        inflight -= 1;
      });
      return item;
    },
    inflight: () => inflight,
    recipientKey: (i) => `slack:T0TEAM:${protectedUser(i)}`,
    dmsSent: () => fake.callsTo('chat.postMessage').length,
    close: () => fake.close(),
  };
}
