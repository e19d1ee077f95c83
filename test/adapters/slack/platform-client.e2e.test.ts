// Verdict DMs and log-channel posts through the adapter's PlatformClient against the fake Web API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, DeliveryError, type DeliveryFailure, type OutboundMessage } from '../../../src/bot/ports.js';
import { RecordingBotService } from '../../fakes/slack/recording-service.js';
import { startSlackHarness, type SlackHarness } from '../../fakes/slack/harness.js';

const VERDICT: OutboundMessage = {
  text: 'ACTS flagged a message sent to you (cyberstalking).',
  fields: [
    { label: 'From', value: 'mallory (U0SENDER)' },
    { label: 'Where', value: '#general' },
    { label: 'Record', value: 'rec-1' },
  ],
  sensitive: { warning: 'threatening language', text: 'I know where you live <!channel>' },
  link: { label: 'Open the original', url: 'https://acme.slack.com/archives/C0GENERAL/p1700000000000200' },
  buttons: [
    { actionId: ACTIONS.notHarassment, label: 'Not harassment', value: 'rec-1' },
    { actionId: ACTIONS.confirm, label: 'Confirm', value: 'rec-1', style: 'danger' },
    { actionId: ACTIONS.exportEvidence, label: 'Export evidence', value: 'rec-1' },
  ],
};

async function failureOf(promise: Promise<unknown>): Promise<DeliveryFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return (error as DeliveryError).failure;
}

describe('Slack PlatformClient', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness(new RecordingBotService());
  });
  afterEach(() => h.close());

  it('sends a verdict as conversations.open + chat.postMessage to that user, with buttons, and nothing to anyone else', async () => {
    await h.adapter.client.sendDirect('U0ALICE', VERDICT, 'T0TEAM');
    expect(h.fake.callsTo('conversations.open').map((c) => c.params.users)).toEqual(['U0ALICE']);
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    const params = posts[0]!.params;
    expect(params.channel).toBe('D0ALICE');
    expect(params.text).toBe(VERDICT.text);
    const blocks = params.blocks as Array<Record<string, unknown>>;
    const actions = blocks.find((b) => b.type === 'actions') as { elements: Array<Record<string, unknown>> };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [ACTIONS.notHarassment, 'rec-1'],
      [ACTIONS.confirm, 'rec-1'],
      [ACTIONS.exportEvidence, 'rec-1'],
    ]);
    // The upsetting text is last, after a content warning, escaped so it cannot ping the channel.
    const last = JSON.stringify(blocks.at(-1));
    expect(last).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(blocks.at(-2))).toContain('Content warning');
    expect(String(params.text)).not.toContain('I know where you live');
    expect(h.fake.calls.map((c) => c.method)).toEqual(['auth.test', 'conversations.open', 'chat.postMessage']);
  });

  it('reuses the DM channel for a second message to the same person', async () => {
    await h.adapter.client.sendDirect('U0ALICE', { text: 'one' });
    await h.adapter.client.sendDirect('U0ALICE', { text: 'two' });
    expect(h.fake.callsTo('conversations.open')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('posts to a moderator log channel', async () => {
    await h.adapter.client.postToChannel('C0MODLOG', VERDICT, 'T0TEAM');
    expect(h.fake.callsTo('chat.postMessage')[0]?.params.channel).toBe('C0MODLOG');
    expect(h.fake.callsTo('conversations.open')).toHaveLength(0);
  });

  it('turns a 429 with Retry-After into DeliveryError rate-limited with that delay, without retrying itself', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    expect(await failureOf(h.adapter.client.sendDirect('U0ALICE', VERDICT))).toEqual({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each(['cannot_dm_bot', 'user_not_found', 'channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive'])(
    'turns %s into DeliveryError unreachable',
    async (code) => {
      h.fake.failNext('conversations.open', { error: code });
      expect(await failureOf(h.adapter.client.sendDirect('U0GONE', VERDICT))).toEqual({ kind: 'unreachable', detail: `slack: ${code}` });
    },
  );

  it('turns a 5xx into DeliveryError transient, once', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 });
    expect(await failureOf(h.adapter.client.postToChannel('C0MODLOG', VERDICT))).toMatchObject({ kind: 'transient' });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('turns a network failure into DeliveryError transient', async () => {
    await h.fake.close();
    expect(await failureOf(h.adapter.client.postToChannel('C0MODLOG', VERDICT))).toEqual({ kind: 'transient', detail: 'slack: network error' });
  });

  it('uploads an attached file into the DM with files.uploadV2', async () => {
    await h.adapter.client.sendDirect('U0ALICE', { text: 'Your bundle', file: { path: import.meta.filename, name: 'bundle.zip' } });
    expect(h.fake.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({ filename: 'bundle.zip' });
    expect(h.fake.callsTo('files.completeUploadExternal')[0]?.params).toMatchObject({ channel_id: 'D0ALICE' });
  });

  it('tells the person when the file cannot be uploaded, without failing the delivered DM', async () => {
    h.fake.failNext('files.getUploadURLExternal', { error: 'internal_error' });
    await h.adapter.client.sendDirect('U0ALICE', { text: 'Your bundle', file: { path: import.meta.filename, name: 'bundle.zip' } });
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(String(posts[1]?.params.text)).toContain('could not be attached');
  });
});
