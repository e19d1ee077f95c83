// A Discord resume that replays a threat, through the real runtime (shipped models, SQLite, the signed
// archive, the durable DM queue) and real discord.js against the fake gateway: nothing archived twice, no
// second DM. The adapter test (test/adapters/discord/with-bot-service.test.ts) shows the same on
// in-memory doubles; this one shows the dedup holds in the stores npm start uses.
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/runtime.js';
import { loadConfig } from '../../src/config/config.js';
import { captureLogger } from '../doubles/log.js';
import { messagePayload, newSnowflake, slashCommand } from '../fakes/discord/index.js';
import { startHarness, type Harness } from '../adapters/discord/harness.js';
import { readArchive } from '../harness/archive-after-stop.js';
import { until } from '../harness/bot-process.js';
import { tempDir } from '../helpers/temp-dir.js';

const THREAT = 'you are a worthless stupid bitch and I will kill you';

describe('Discord resume through the real runtime and SQLite', () => {
  const dataDir = tempDir('discord-runtime');
  let runtime: Runtime | undefined;
  let h: Harness | undefined;

  afterAll(async () => {
    await h?.close();
    await runtime?.close();
  });

  it('archives a replayed threat once and sends no second DM', async () => {
    const log = captureLogger();
    runtime = await openRuntime(loadConfig({ ACTS_DATA_DIR: dataDir }), log.logger);
    h = await startHarness(runtime.service, { log });
    runtime.service.attachClient(h.adapter.client);
    const { alice, mallory } = h.people;
    const fake = h.fake;
    const dms = () => {
      const channel = fake.rest.dmChannelOf(alice.id);
      return channel ? fake.rest.callsTo('POST', new RegExp(`^/channels/${channel}/messages$`)).filter((c) => c.status === 200) : [];
    };

    const protect = slashCommand({ applicationId: fake.applicationId, user: alice, channelId: newSnowflake() }, 'protect');
    fake.gateway.dispatch('INTERACTION_CREATE', protect);
    await fake.rest.waitForCalls('POST', new RegExp(`^/interactions/${String(protect.id)}/`));

    const seqBefore = fake.gateway.lastSequence;
    const threat = messagePayload({ channelId: h.general, guildId: fake.guild.id, author: mallory, content: `<@${alice.id}> ${THREAT}`, mentions: [alice] });
    fake.gateway.dispatch('MESSAGE_CREATE', threat);
    await until(() => dms().length === 1, 30_000, 'the verdict DM');

    fake.gateway.requestReconnect(seqBefore);
    await fake.gateway.waitFor(() => fake.gateway.resumes.length === 1, 'RESUME');
    // A second threat in the same channel: handled after the replay, so once its DM is out the replay is done.
    const second = messagePayload({ channelId: h.general, guildId: fake.guild.id, author: mallory, content: `<@${alice.id}> ${THREAT} tonight`, mentions: [alice] });
    fake.gateway.dispatch('MESSAGE_CREATE', second);
    await until(() => dms().length >= 2 && runtime!.service.pendingNotices === 0, 30_000, 'the second DM');
    expect(dms()).toHaveLength(2);

    await h.close();
    h = undefined;
    await runtime.close();
    runtime = undefined;
    const key = `discord:${alice.id}`;
    const records = (await readArchive(dataDir, [key])).get(key)!;
    expect(records.filter((r) => r.kind === 'message').map((r) => r.message!.messageId)).toEqual([String(threat.id), String(second.id)]);
  }, 120_000);
});
