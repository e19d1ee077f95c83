// Nothing secret in the logs: message text, the bot token, the signing secret and response_urls
// (bearer capabilities) never appear in what the adapter logs, even when things fail.
import { describe, expect, it } from 'vitest';
import { blockAction, commandFields, envelope, messageEvent } from '../../fakes/slack/payloads.js';
import { RecordingBotService } from '../../fakes/slack/recording-service.js';
import { SIGNING_SECRET, startSlackHarness } from '../../fakes/slack/harness.js';

const SECRET_TEXT = 'zebra-secret-words-I-will-hurt-you';

describe('Slack adapter logs', () => {
  it('carry ids and reasons but no message text, tokens, secrets or response URLs', async () => {
    const service = new RecordingBotService();
    const h = await startSlackHarness(service);
    try {
      const responseUrl = h.fake.responseUrl('capability-xyz');
      await h.slack.event(envelope(messageEvent({ text: `<@U0ALICE> ${SECRET_TEXT}` }), { team_id: 'T0OTHER' }), { retryNum: 1 });
      await h.slack.event(envelope(messageEvent({ subtype: 'channel_topic', text: SECRET_TEXT })));
      service.messageHook = async () => {
        throw new Error(`store failed on ${SECRET_TEXT}`);
      };
      await h.slack.event(envelope(messageEvent({ text: `<@U0ALICE> ${SECRET_TEXT}` })));
      service.commandReply = async () => {
        throw new Error(`command failed on ${SECRET_TEXT}`);
      };
      await h.slack.command(commandFields(`rules add phrase ${SECRET_TEXT}`, responseUrl));
      h.fake.failNext('chat.postMessage', { error: 'invalid_auth' });
      await h.adapter.client.sendDirect('U0ALICE', { text: SECRET_TEXT }).catch(() => undefined);
      h.fake.failNext('response_url', { status: 500 });
      await h.slack.interaction(blockAction('acts_confirm', 'rec-1', responseUrl));
      await h.fake.waitFor('response_url', 1);

      const all = h.logs.join('\n');
      if (process.env.SHOW_LOGS) console.log(all);
      expect(h.logs.length).toBeGreaterThan(3);
      expect(all).toContain('redelivered event');
      expect(all).toContain('slack rejected the bot token');
      expect(all).toContain('the service failed; answering 500');
      for (const secret of [SECRET_TEXT, h.fake.token, SIGNING_SECRET, 'capability-xyz']) expect(all).not.toContain(secret);
    } finally {
      await h.close();
    }
  });
});
