// Slack's 3-second acknowledgement through the bot service's durable inbox: the adapter answers 200 once
// the event is stored, whatever the analysis costs; a bot that stops before processing it (a crash, as far
// as the store can tell) processes it exactly once after the restart, and redeliveries change nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, Recipient } from '../../../src/core/types.js';
import { ActsBotService } from '../../../src/bot/service.js';
import { MemoryStore } from '../../../src/bot/store.js';
import type { AnalysisOutcome, MessageAnalyser } from '../../../src/pipeline/analyser.js';
import { MarkerAnalyser, THREAT } from '../../doubles/analyser.js';
import { MemoryArchive } from '../../doubles/archive.js';
import { captureLogger } from '../../doubles/log.js';
import { MemoryRecipientState } from '../../doubles/state.js';
import { startSlackHarness, type SlackHarness } from '../../fakes/slack/harness.js';
import { commandFields, envelope, messageEvent } from '../../fakes/slack/payloads.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** An analyser that holds every message until released: a slow model, or a bot about to crash. */
class HeldAnalyser implements MessageAnalyser {
  started = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly inner: MessageAnalyser) {}
  async analyse(message: Message, recipients: readonly Recipient[]): Promise<AnalysisOutcome[]> {
    this.started += 1;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.inner.analyse(message, recipients);
  }
  release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

describe('Slack acknowledged from the durable inbox', () => {
  const store = new MemoryStore();
  const archive = new MemoryArchive();
  const state = new MemoryRecipientState();
  const open: Array<{ service: ActsBotService; h: SlackHarness }> = [];

  async function boot(analyser: MessageAnalyser): Promise<{ service: ActsBotService; h: SlackHarness }> {
    const exportDir = tempDir('slack-durable');
    const service = new ActsBotService({ analyser, archive, state, store, logger: captureLogger().logger, exportDir });
    const h = await startSlackHarness(service);
    service.attachClient(h.adapter.client);
    // After the client is attached, so that notices of resumed events need not wait for it.
    await service.start();
    open.push({ service, h });
    return { service, h };
  }

  afterEach(async () => {
    for (const { service, h } of open.splice(0)) {
      await h.close();
      await service.stop();
    }
  });

  const threat = envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT} I know where you live`, ts: '1700000000.000901' }), { event_id: 'Ev0DURABLE' });

  it('answers 200 while a slow analysis is still running, then processes the event once', async () => {
    const held = new HeldAnalyser(new MarkerAnalyser(archive, state));
    const { service, h } = await boot(held);
    expect((await h.slack.command(commandFields('protect', h.fake.responseUrl('p')))).status).toBe(200);

    const answer = await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}`, ts: '1700000000.000900' }), { event_id: 'Ev0SLOW' }));
    expect(answer.status).toBe(200);
    // Acknowledged before the analysis finished: it is still being held.
    await until(() => held.started === 1);
    expect(archive.all()).toHaveLength(0);
    expect(await store.get('dedup:slack:Ev0SLOW')).toMatchObject({ pending: { kind: 'message', dedupKey: 'Ev0SLOW' } });

    // Slack's redelivery of the same event while it waits is acknowledged, not queued again.
    expect((await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}`, ts: '1700000000.000900' }), { event_id: 'Ev0SLOW' }), { retryNum: 1 })).status).toBe(200);
    held.release();
    await service.processQueue();
    expect(held.started).toBe(1);
    expect(archive.all().filter((r) => r.message?.messageId === '1700000000.000900')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await store.get('dedup:slack:Ev0SLOW')).not.toHaveProperty('pending');
  });

  it('an event acknowledged before a crash is processed once after the restart; redeliveries add nothing', async () => {
    const stuck = new HeldAnalyser(new MarkerAnalyser(archive, state));
    const first = await boot(stuck);
    expect((await first.h.slack.event(threat)).status).toBe(200);
    await until(() => stuck.started === 1);
    // The process dies here: its analysis never finishes, nothing more is written.
    await first.h.close();
    open.splice(0);

    const analyser = new MarkerAnalyser(archive, state);
    const second = await boot(analyser);
    await second.service.processQueue();
    expect(analyser.calls.map((c) => c.messageId)).toEqual(['1700000000.000901']);
    const records = archive.all().filter((r) => r.message?.messageId === '1700000000.000901');
    expect(records).toHaveLength(1);
    expect(second.h.fake.callsTo('chat.postMessage')).toHaveLength(1);

    expect((await second.h.slack.event(threat, { retryNum: 2 })).status).toBe(200);
    await second.service.processQueue();
    expect(analyser.calls).toHaveLength(1);
    expect(second.h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    stuck.release();
  });

  it('does not acknowledge an event it could not store', async () => {
    const { h } = await boot(new MarkerAnalyser(archive, state));
    const { setMany, addMany } = store;
    const diskFull = async (): Promise<never> => {
      throw new Error('disk full');
    };
    store.setMany = diskFull;
    store.addMany = diskFull;
    try {
      const answer = await h.slack.event(envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}` }), { event_id: 'Ev0NOSPACE' }));
      expect(answer.status).toBe(500);
      expect(await store.get('dedup:slack:Ev0NOSPACE')).toBeUndefined();
    } finally {
      store.setMany = setMany;
      store.addMany = addMany;
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}
