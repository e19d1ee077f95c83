// Signed `/acts` slash commands, button presses and the message shortcut through real Bolt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/bot/ports.js';
import { blockAction, commandFields, messageShortcut } from '../../fakes/slack/payloads.js';
import { RecordingBotService } from '../../fakes/slack/recording-service.js';
import { startSlackHarness, type SlackHarness } from '../../fakes/slack/harness.js';

describe('Slack adapter: /acts command', () => {
  let service: RecordingBotService;
  let h: SlackHarness;

  beforeEach(async () => {
    service = new RecordingBotService();
    h = await startSlackHarness(service);
  });
  afterEach(() => h.close());

  it('hands the sub-command to the service and answers ephemerally, nothing posted in the channel', async () => {
    const answer = await h.slack.command(commandFields('rules add word birthday', h.fake.responseUrl()));
    expect(answer.status).toBe(200);
    expect(service.commands).toEqual([
      {
        caller: { platform: 'slack', userId: 'U0ALICE', workspaceId: 'T0TEAM', channelId: 'C0GENERAL', isModerator: false, displayName: 'alice' },
        name: 'rules',
        args: 'add word birthday',
      },
    ]);
    expect(answer.json()).toMatchObject({ response_type: 'ephemeral', text: 'ok: rules' });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('says the caller is a moderator when users.info reports a workspace admin', async () => {
    h.fake.admins.add('U0MOD');
    await h.slack.command(commandFields('watch on', h.fake.responseUrl(), { user_id: 'U0MOD', user_name: 'mod' }));
    expect(service.commands[0]).toMatchObject({ name: 'watch', args: 'on', caller: { userId: 'U0MOD', isModerator: true } });
  });

  it('treats the caller as no moderator when users.info fails (fail closed)', async () => {
    h.fake.admins.add('U0MOD');
    h.fake.failNext('users.info', { error: 'missing_scope' });
    await h.slack.command(commandFields('watch on', h.fake.responseUrl(), { user_id: 'U0MOD' }));
    expect(service.commands[0]?.caller.isModerator).toBe(false);
  });

  it('treats an empty command as help', async () => {
    await h.slack.command(commandFields('', h.fake.responseUrl()));
    expect(service.commands[0]).toMatchObject({ name: 'help', args: '' });
  });

  it('refuses a badly signed command with 401 and the service sees nothing', async () => {
    const answer = await h.slack.command(commandFields('protect', h.fake.responseUrl()), { badSignature: true });
    expect(answer.status).toBe(401);
    expect(service.commands).toHaveLength(0);
  });

  it('answers a failing command privately with an apology, never an error page', async () => {
    service.commandReply = async () => {
      throw new Error('boom');
    };
    const answer = await h.slack.command(commandFields('status', h.fake.responseUrl()));
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ response_type: 'ephemeral' });
  });

  it('sends an export file to the caller\'s own DM (ephemeral answers cannot carry files)', async () => {
    service.commandReply = async () => ({ text: 'Your evidence bundle', file: { path: import.meta.filename, name: 'bundle.zip' } });
    const answer = await h.slack.command(commandFields('export', h.fake.responseUrl()));
    expect(answer.json()).toMatchObject({ response_type: 'ephemeral' });
    const completed = await h.fake.waitFor('files.completeUploadExternal');
    expect(completed[0]?.params).toMatchObject({ channel_id: 'D0ALICE' });
    expect(h.fake.callsTo('conversations.open')[0]?.params).toMatchObject({ users: 'U0ALICE' });
    expect(h.fake.callsTo('upload')).toHaveLength(1);
  });
});

describe('Slack adapter: slow command', () => {
  it('acknowledges at the deadline and delivers the answer ephemerally through response_url', async () => {
    const service = new RecordingBotService();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    service.commandReply = async () => {
      await released;
      return { text: 'status: protected' };
    };
    const h = await startSlackHarness(service, { ackDeadlineMs: 20 });
    try {
      const answer = await h.slack.command(commandFields('status', h.fake.responseUrl('slow')));
      expect(answer.json()).toMatchObject({ response_type: 'ephemeral' });
      expect(h.fake.callsTo('response_url')).toHaveLength(0);
      release();
      const [late] = await h.fake.waitFor('response_url');
      expect(late?.params).toMatchObject({ response_type: 'ephemeral', text: 'status: protected' });
    } finally {
      release();
      await h.close();
    }
  });
});

describe('Slack adapter: buttons and message shortcut', () => {
  let service: RecordingBotService;
  let h: SlackHarness;

  beforeEach(async () => {
    service = new RecordingBotService();
    h = await startSlackHarness(service);
  });
  afterEach(() => h.close());

  it('turns a verdict DM button into onAction and answers the presser ephemerally', async () => {
    const answer = await h.slack.interaction(blockAction(ACTIONS.confirm, 'rec-42', h.fake.responseUrl('btn')));
    expect(answer.status).toBe(200);
    expect(service.actions).toEqual([
      { caller: { platform: 'slack', userId: 'U0ALICE', workspaceId: 'T0TEAM', channelId: 'D0ALICE', isModerator: false, displayName: 'u0alice' }, actionId: ACTIONS.confirm, value: 'rec-42' },
    ]);
    const [reply] = await h.fake.waitFor('response_url');
    expect(reply?.params).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Thanks, noted.' });
  });

  it('turns the "Document with ACTS" shortcut into onDocumentRequest for a DM the requester received', async () => {
    const received = { type: 'message', user: 'U0STALKER', text: 'answer me &lt;now&gt;', ts: '1700000000.000900' };
    await h.slack.interaction(messageShortcut(received, h.fake.responseUrl('sc')));
    expect(service.documentRequests).toHaveLength(1);
    const { message, requester } = service.documentRequests[0]!;
    expect(message).toMatchObject({
      messageId: '1700000000.000900',
      author: { id: 'U0STALKER' },
      text: 'answer me <now>',
      isDirect: true,
      dmOwnerId: 'U0ALICE',
      permalink: 'https://acme.slack.com/archives/D0ALICEDM/p1700000000000900',
    });
    expect(requester).toMatchObject({ userId: 'U0ALICE', workspaceId: 'T0TEAM' });
    const [reply] = await h.fake.waitFor('response_url');
    expect(reply?.params).toMatchObject({ response_type: 'ephemeral', text: 'Documented.' });
  });

  it('tells the requester privately when the shortcut\'s message cannot be documented', async () => {
    await h.slack.interaction(messageShortcut({ type: 'message', text: 'no author', ts: '1700000000.000901' }, h.fake.responseUrl('bad')));
    expect(service.documentRequests).toHaveLength(0);
    const [reply] = await h.fake.waitFor('response_url');
    expect(reply?.params).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply?.params.text)).toContain('cannot be documented');
  });
});
