// The Slack adapter wired to the real platform-neutral bot service (src/bot) on in-memory doubles of
// the analyser, archive and store: signed Slack requests in, Web API calls to the fake out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/bot/clock.js';
import { ACTIONS } from '../../../src/bot/ports.js';
import { ActsBotService } from '../../../src/bot/service.js';
import { MemoryStore } from '../../../src/bot/store.js';
import { MarkerAnalyser, THREAT } from '../../doubles/analyser.js';
import { MemoryArchive } from '../../doubles/archive.js';
import { captureLogger } from '../../doubles/log.js';
import { MemoryRecipientState } from '../../doubles/state.js';
import { startSlackHarness, type SlackHarness } from '../../fakes/slack/harness.js';
import { blockAction, commandFields, envelope, messageEvent } from '../../fakes/slack/payloads.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('Slack adapter with the real bot service', () => {
  let h: SlackHarness;
  let service: ActsBotService;
  let archive: MemoryArchive;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock();
    archive = new MemoryArchive();
    const state = new MemoryRecipientState();
    const exportDir = tempDir('slack-export');
    service = new ActsBotService({
      analyser: new MarkerAnalyser(archive, state),
      archive,
      state,
      store: new MemoryStore(() => clock.now()),
      logger: captureLogger().logger,
      exportDir,
      clock,
    });
    h = await startSlackHarness(service);
    service.attachClient(h.adapter.client);
    const protect = await h.slack.command(commandFields('protect', h.fake.responseUrl('protect')));
    expect(protect.json()).toMatchObject({ response_type: 'ephemeral' });
  });
  afterEach(async () => {
    await service.stop();
    await h.close();
  });

  const dms = () => h.fake.callsTo('chat.postMessage');

  it('a threat mentioning the protected user → exactly one DM to that user with buttons, nothing to the sender; benign → nothing; duplicate → nothing more', async () => {
    const threat = envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT} I will find you`, ts: '1700000000.000777' }), { event_id: 'Ev0THREAT' });
    expect((await h.slack.event(threat)).status).toBe(200);
    await service.processQueue();

    expect(h.fake.callsTo('conversations.open').map((c) => c.params.users)).toEqual(['U0ALICE']);
    expect(dms()).toHaveLength(1);
    expect(dms()[0]!.params.channel).toBe('D0ALICE');
    const blocks = dms()[0]!.params.blocks as Array<{ type: string; elements?: Array<{ action_id: string }> }>;
    expect(blocks.find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id)).toEqual([ACTIONS.notHarassment, ACTIONS.confirm, ACTIONS.exportEvidence]);
    expect(JSON.stringify(h.fake.calls)).not.toContain('"users":"U0MALLORY"');

    const records = archive.all();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ recipient: 'slack:T0TEAM:U0ALICE', message: { messageId: '1700000000.000777', channelId: 'C0GENERAL', author: { id: 'U0MALLORY' } } });

    await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: '<@U0ALICE> see you at lunch' })));
    await h.slack.event(threat, { retryNum: 1 });
    await service.processQueue();
    expect(dms()).toHaveLength(1);
    expect(archive.all()).toHaveLength(1);
  });

  it('retries a DM after the 429 Retry-After of the fake', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}` })));
    expect(await service.processQueue()).toMatchObject({ sent: 0, retrying: 1 });
    expect(await service.processQueue()).toMatchObject({ sent: 0 });
    clock.advance(30_000);
    expect(await service.processQueue()).toMatchObject({ sent: 1 });
    expect(dms()).toHaveLength(2);
    expect(dms().every((c) => c.params.channel === 'D0ALICE')).toBe(true);
  });

  it('a press on the verdict DM button reaches the service and is answered only to the presser', async () => {
    await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}` })));
    await service.processQueue();
    const blocks = dms()[0]!.params.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    const confirm = blocks.find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === ACTIONS.confirm)!;
    await h.slack.interaction(blockAction(confirm.action_id, confirm.value, h.fake.responseUrl('confirm')));
    const [reply] = await h.fake.waitFor('response_url');
    expect(reply?.params).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply?.params.text)).toMatch(/^Confirmed\./);
    expect(dms()).toHaveLength(1);
  });

  it('/acts export answers only the caller and uploads the bundle into their DM with the bot', async () => {
    await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}` })));
    const answer = await h.slack.command(commandFields('export', h.fake.responseUrl('export')));
    expect(answer.json()).toMatchObject({ response_type: 'ephemeral' });
    const [upload] = await h.fake.waitFor('files.completeUploadExternal');
    expect(upload?.params.channel_id).toBe('D0ALICE');
    expect(h.fake.callsTo('upload')[0]?.params.bytes).toBeGreaterThan(0);
  });

  it('the same button pressed by the sender of the flagged message reveals nothing', async () => {
    await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}` })));
    await service.processQueue();
    const blocks = dms()[0]!.params.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    const confirm = blocks.find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === ACTIONS.confirm)!;
    await h.slack.interaction(blockAction(confirm.action_id, confirm.value, h.fake.responseUrl('forged'), 'U0MALLORY'));
    const [reply] = await h.fake.waitFor('response_url');
    expect(String(reply?.params.text)).toContain('not valid');
    expect(dms()).toHaveLength(1);
  });
});
