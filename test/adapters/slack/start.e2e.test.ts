// Starting and stopping: a wrong token stops the adapter at once with a message that names the variable
// (and not the token); a stopped adapter no longer listens.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SlackStartError, startSlack } from '../../../adapters/slack/index.js';
import { createLogger } from '../../../src/observability/logger.js';
import { RecordingBotService } from '../../fakes/slack/recording-service.js';
import { SIGNING_SECRET, startSlackHarness } from '../../fakes/slack/harness.js';
import { FakeSlackWebApi } from '../../fakes/slack/web-api.js';

const quiet = createLogger({ destination: new Writable({ write: (_c, _e, done) => done() }) });

describe('startSlack', () => {
  it('refuses to start with a token Slack rejects, naming SLACK_BOT_TOKEN but not the token', async () => {
    const fake = await FakeSlackWebApi.start('xoxb-the-right-one');
    try {
      const config = { botToken: 'xoxb-a-wrong-one', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl };
      const error = await startSlack(config, new RecordingBotService(), quiet, { host: '127.0.0.1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SlackStartError);
      expect((error as Error).message).toContain('SLACK_BOT_TOKEN');
      expect((error as Error).message).toContain('invalid_auth');
      expect((error as Error).message).not.toContain('xoxb-a-wrong-one');
      expect(fake.callsTo('auth.test')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('listens on the port it reports until stopped', async () => {
    const h = await startSlackHarness(new RecordingBotService());
    expect(h.adapter.port).toBeGreaterThan(0);
    expect((await h.slack.event({ type: 'url_verification', challenge: 'c1' })).status).toBe(200);
    await h.close();
    await expect(h.slack.event({ type: 'url_verification', challenge: 'c2' })).rejects.toThrow();
  });
});
