// A flood of abuse at one protected person, end to end: signed Slack events into the real adapter, the
// real runtime behind it (shipped models, SQLite, the signed archive in a temporary data folder). The
// person gets a bounded number of DMs (the first few at once, the rest grouped into one digest when the
// flood window ends), and every message is archived, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import { ManualClock } from '../../src/bot/clock.js';
import { DEFAULT_NOTIFIER_OPTIONS } from '../../src/bot/notifier.js';
import { loadConfig } from '../../src/config/config.js';
import { captureLogger } from '../doubles/log.js';
import { startSlackHarness, type SlackHarness } from '../fakes/slack/harness.js';
import { commandFields, envelope, messageEvent } from '../fakes/slack/payloads.js';
import { tempDir } from '../helpers/temp-dir.js';

const FLOOD = 20;
const THREATS = [
  'you are a worthless stupid bitch and I will kill you',
  'shut up you pathetic ugly whore, everyone hates you, kill yourself',
  'worthless piece of trash, I know where you live and I will find you',
];

describe('a flood of harassment at one protected person (real runtime behind the Slack adapter)', () => {
  let dataDir: string;
  let runtime: Runtime;
  let h: SlackHarness;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    dataDir = tempDir('flood');
    runtime = await openRuntime(loadConfig({ ACTS_DATA_DIR: dataDir }), captureLogger().logger, { clock });
    h = await startSlackHarness(runtime.service);
    runtime.service.attachClient(h.adapter.client);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await runtime?.close();
  });

  const dmsToAlice = () => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0ALICE');

  it(`${FLOOD} threats in a minute: ${DEFAULT_NOTIFIER_OPTIONS.floodThreshold} DMs, then one digest of the rest; all ${FLOOD} archived once`, async () => {
    expect((await h.slack.command(commandFields('protect', h.fake.responseUrl('protect')))).status).toBe(200);
    const events = Array.from({ length: FLOOD }, (_, i) =>
      envelope(messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREATS[i % THREATS.length]} (${i})`, ts: `1800000001.${String(i).padStart(6, '0')}` }), { event_id: `Ev0FLOOD${i}` }),
    );
    for (const event of events) expect((await h.slack.event(event)).status).toBe(200);
    // Slack redelivers a few of them: nothing more may come of that.
    for (const event of events.slice(0, 3)) expect((await h.slack.event(event, { retryNum: 1 })).status).toBe(200);
    await runtime.service.processQueue();

    const threshold = DEFAULT_NOTIFIER_OPTIONS.floodThreshold;
    expect(dmsToAlice()).toHaveLength(threshold);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel !== 'D0ALICE')).toHaveLength(0);

    const archived = new Map<string, number>();
    for await (const record of runtime.archive.records('slack:T0TEAM:U0ALICE')) {
      const id = record.message?.messageId ?? '';
      archived.set(id, (archived.get(id) ?? 0) + 1);
    }
    expect([...archived.keys()].sort()).toEqual(events.map((e) => (e.event as { ts: string }).ts).sort());
    expect([...archived.values()].every((n) => n === 1)).toBe(true);

    // The rest wait for the end of the flood window, then come as one digest.
    expect(await runtime.service.flushDigests()).toBe(0);
    clock.advance(DEFAULT_NOTIFIER_OPTIONS.floodWindowMs);
    expect(await runtime.service.flushDigests()).toBe(1);
    await runtime.service.processQueue();
    expect(dmsToAlice()).toHaveLength(threshold + 1);
    expect(String(dmsToAlice()[threshold]!.params.text)).toContain(`${FLOOD - threshold} more flagged messages`);
    expect(await runtime.service.flushDigests()).toBe(0);
  }, 120_000);
});
