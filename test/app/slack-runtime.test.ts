// Slack retries through the real composition: Bolt's HTTP receiver (signed requests from the fake), the
// runtime npm start uses (shipped models, SQLite, the signed archive, the durable DM queue). A retried
// event (same event_id, X-Slack-Retry-Num), the same message under another event_id, and a retry after a
// restart on the same data folder archive one record and send one DM: the dedup lives in SQLite, not in
// process memory.
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import { loadConfig } from '../../src/config/config.js';
import { captureLogger } from '../doubles/log.js';
import { startSlackHarness, type SlackHarness } from '../fakes/slack/harness.js';
import { commandFields, envelope, messageEvent } from '../fakes/slack/payloads.js';
import { readArchive } from '../harness/archive-after-stop.js';
import { until } from '../harness/bot-process.js';
import { tempDir } from '../helpers/temp-dir.js';

const ALICE = 'slack:T0TEAM:U0ALICE';
const THREAT = 'you are a worthless stupid bitch and I will kill you';

describe('Slack retries through the real runtime and SQLite', () => {
  const dataDir = tempDir('slack-runtime');
  const config = loadConfig({ ACTS_DATA_DIR: dataDir });
  let runtime: Runtime | undefined;
  let h: SlackHarness | undefined;

  async function start(): Promise<{ runtime: Runtime; h: SlackHarness }> {
    runtime = await openRuntime(config, captureLogger().logger);
    h = await startSlackHarness(runtime.service);
    runtime.service.attachClient(h.adapter.client);
    return { runtime, h };
  }

  async function stop(): Promise<void> {
    await h?.close();
    await runtime?.close();
    h = undefined;
    runtime = undefined;
  }

  afterAll(stop);

  it('archives a retried threat once and sends one DM, also across a restart', async () => {
    let { runtime: rt, h: slack } = await start();
    expect((await slack.slack.command(commandFields('protect', slack.fake.responseUrl('protect')))).status).toBe(200);
    const event = messageEvent({ user: 'U0MALLORY', text: `<@U0ALICE> ${THREAT}`, ts: '1700000555.000100' });
    const original = envelope(event, { event_id: 'Ev0CRASHRETRY' });
    expect((await slack.slack.event(original)).status).toBe(200);
    expect((await slack.slack.event(original, { retryNum: 1 })).status).toBe(200);
    expect((await slack.slack.event(original, { retryNum: 2 })).status).toBe(200);
    // Slack can deliver one message under two event ids (message and app_mention subscriptions).
    expect((await slack.slack.event(envelope(event, { event_id: 'Ev0OTHERID' }))).status).toBe(200);
    await until(() => slack.fake.callsTo('chat.postMessage').length >= 1 && rt.service.pendingNotices === 0, 30_000, 'the verdict DM');
    await rt.service.processQueue();
    expect(slack.fake.callsTo('chat.postMessage')).toHaveLength(1);
    await stop();

    ({ runtime: rt, h: slack } = await start());
    expect((await slack.slack.event(original, { retryNum: 3 })).status).toBe(200);
    await rt.service.processQueue();
    expect(slack.fake.callsTo('chat.postMessage')).toHaveLength(0);
    await stop();

    const records = (await readArchive(dataDir, [ALICE])).get(ALICE)!;
    expect(records.filter((r) => r.kind === 'message').map((r) => r.message!.messageId)).toEqual(['1700000555.000100']);
  }, 120_000);
});
