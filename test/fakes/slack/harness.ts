// Starts the real Slack adapter (Bolt) against the fake Web API, with a sender that plays Slack.
import { Writable } from 'node:stream';
import { startSlack, type SlackAdapter, type SlackOptions } from '../../../adapters/slack/index.js';
import type { BotService } from '../../../src/bot/ports.js';
import { createLogger } from '../../../src/observability/logger.js';
import { SlackSender } from './signed-requests.js';
import { FakeSlackWebApi } from './web-api.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SlackHarness {
  fake: FakeSlackWebApi;
  adapter: SlackAdapter;
  slack: SlackSender;
  /** Every log line the adapter wrote (JSON), for checks that nothing secret leaks. */
  logs: string[];
  close(): Promise<void>;
}

export async function startSlackHarness(service: BotService, options: SlackOptions = {}): Promise<SlackHarness> {
  const fake = await FakeSlackWebApi.start();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination: sink });
  const config = { botToken: fake.token, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl };
  // A generous deadline keeps answers deterministic on a loaded CI machine; deadline tests set their own.
  const adapter = await startSlack(config, service, logger, { host: '127.0.0.1', ackDeadlineMs: 10_000, ...options });
  const slack = new SlackSender(`http://127.0.0.1:${adapter.port}/slack/events`, SIGNING_SECRET);
  return {
    fake,
    adapter,
    slack,
    logs,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
}
