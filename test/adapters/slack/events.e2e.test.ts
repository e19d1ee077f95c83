// Real Bolt behind the Slack adapter, driven by signed Events API requests; the Web API is a local fake.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, messageEvent } from '../../fakes/slack/payloads.js';
import { RecordingBotService } from '../../fakes/slack/recording-service.js';
import { startSlackHarness, type SlackHarness } from '../../fakes/slack/harness.js';
import { FAKE_TEAM } from '../../fakes/slack/web-api-answers.js';

describe('Slack adapter: Events API', () => {
  let service: RecordingBotService;
  let h: SlackHarness;

  beforeEach(async () => {
    service = new RecordingBotService();
    h = await startSlackHarness(service);
  });
  afterEach(() => h.close());

  it('hands a message mentioning a protected user to the service with the event_id as dedup key', async () => {
    const event = messageEvent({ text: '<@U0ALICE> I know where you live &amp; work', ts: '1700000000.000200' });
    const body = envelope(event, { event_id: 'Ev0MENTION1' });
    const answer = await h.slack.event(body);
    expect(answer.status).toBe(200);
    expect(service.messages).toHaveLength(1);
    const { message, dedupKey } = service.messages[0]!;
    expect(dedupKey).toBe('Ev0MENTION1');
    expect(message).toMatchObject({
      platform: 'slack',
      workspaceId: FAKE_TEAM.id,
      channelId: 'C0GENERAL',
      messageId: '1700000000.000200',
      author: { id: 'U0SENDER' },
      text: '@U0ALICE I know where you live & work',
      mentions: ['U0ALICE'],
      isDirect: false,
      permalink: 'https://acme.slack.com/archives/C0GENERAL/p1700000000000200',
    });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('passes a Slack redelivery (X-Slack-Retry-Num) with the same event_id', async () => {
    const body = envelope(messageEvent({ text: '<@U0ALICE> hi' }), { event_id: 'Ev0RETRY' });
    expect((await h.slack.event(body)).status).toBe(200);
    expect((await h.slack.event(body, { retryNum: 1 })).status).toBe(200);
    expect(service.messages.map((m) => m.dedupKey)).toEqual(['Ev0RETRY', 'Ev0RETRY']);
  });

  it('refuses a bad signature with 401 and the service sees nothing', async () => {
    const answer = await h.slack.event(envelope(messageEvent({ text: '<@U0ALICE> x' })), { badSignature: true });
    expect(answer.status).toBe(401);
    expect(service.messages).toHaveLength(0);
  });

  it('refuses a stale timestamp (more than 5 minutes old) with 401', async () => {
    const answer = await h.slack.event(envelope(messageEvent({ text: '<@U0ALICE> x' })), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(answer.status).toBe(401);
    expect(service.messages).toHaveLength(0);
  });

  it('refuses an unsigned request with 401', async () => {
    const answer = await h.slack.event(envelope(messageEvent({ text: '<@U0ALICE> x' })), { unsigned: true });
    expect(answer.status).toBe(401);
    expect(service.messages).toHaveLength(0);
  });

  it('answers the url_verification challenge', async () => {
    const answer = await h.slack.event({ type: 'url_verification', challenge: 'chal-123', token: 't' });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('chal-123');
  });

  it('turns message_changed into onEdit and message_deleted into onDelete, with their event ids', async () => {
    const changed = messageEvent({
      subtype: 'message_changed',
      hidden: true,
      message: { type: 'message', user: 'U0SENDER', text: 'new &lt;text&gt;', ts: '1700000000.000300', edited: { user: 'U0SENDER', ts: '1700000060.000000' } },
      previous_message: { type: 'message', user: 'U0SENDER', text: 'old', ts: '1700000000.000300' },
    });
    delete changed.user;
    await h.slack.event(envelope(changed, { event_id: 'Ev0EDIT' }));
    const removed = messageEvent({ subtype: 'message_deleted', hidden: true, deleted_ts: '1700000000.000300', event_ts: '1700000120.000000', ts: '1700000120.000000' });
    delete removed.user;
    await h.slack.event(envelope(removed, { event_id: 'Ev0DELETE' }));
    expect(service.edits).toEqual([
      { ref: { platform: 'slack', messageId: '1700000000.000300', channelId: 'C0GENERAL' }, edit: { text: 'new <text>', editedAt: '2023-11-14T22:14:20.000Z' }, dedupKey: 'Ev0EDIT' },
    ]);
    expect(service.deletions).toEqual([
      { ref: { platform: 'slack', messageId: '1700000000.000300', channelId: 'C0GENERAL' }, deletedAt: '2023-11-14T22:15:20.000Z', dedupKey: 'Ev0DELETE' },
    ]);
  });

  it('asks chat.getPermalink when the workspace URL is unknown', async () => {
    await h.slack.event(envelope(messageEvent({ text: '<@U0ALICE> hi', ts: '1700000000.000400' }), { team_id: 'T0OTHER' }));
    expect(h.fake.callsTo('chat.getPermalink')[0]?.params).toMatchObject({ channel: 'C0GENERAL', message_ts: '1700000000.000400' });
    expect(service.messages[0]?.message.permalink).toBe('https://elsewhere.slack.com/archives/C0GENERAL/p1700000000000400');
  });

  it('ignores bot messages, the bot\'s own messages and system subtypes', async () => {
    await h.slack.event(envelope(messageEvent({ subtype: 'bot_message', bot_id: 'B0OTHER', text: '<@U0ALICE>' })));
    await h.slack.event(envelope(messageEvent({ user: 'U0BOT', text: '<@U0ALICE>' })));
    await h.slack.event(envelope(messageEvent({ subtype: 'channel_join', text: '<@U0ALICE> has joined' })));
    expect(service.messages).toHaveLength(0);
  });

  it('answers 500 when the service fails before the deadline, so Slack redelivers', async () => {
    service.messageHook = async () => {
      throw new Error('store is locked');
    };
    const answer = await h.slack.event(envelope(messageEvent({ text: '<@U0ALICE> hi' })));
    expect(answer.status).toBe(500);
  });
});

describe('Slack adapter: acknowledgement deadline', () => {
  it('answers Slack at the deadline while the service is still working, and the work still completes', async () => {
    const service = new RecordingBotService();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let finished = false;
    service.messageHook = async () => {
      await released;
      finished = true;
    };
    const h = await startSlackHarness(service, { ackDeadlineMs: 20 });
    try {
      const answer = await h.slack.event(envelope(messageEvent({ text: '<@U0ALICE> hi' })));
      expect(answer.status).toBe(200);
      expect(finished).toBe(false);
      release();
      await released;
      await new Promise((r) => setImmediate(r));
      expect(finished).toBe(true);
    } finally {
      release();
      await h.close();
    }
  });
});
