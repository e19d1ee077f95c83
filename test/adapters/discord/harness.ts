// One running adapter against one fake Discord, shared by the tests of a file (a client identifies once).
import { startDiscord, type DiscordAdapter } from '../../../adapters/discord/start.js';
import type { BotService } from '../../../src/bot/ports.js';
import type { Logger } from '../../../src/observability/logger.js';
import { captureLogger } from '../../doubles/log.js';
import { startFakeDiscord, user, type FakeDiscord, type FakeUser } from '../../fakes/discord/index.js';
import { newSnowflake } from '../../fakes/discord/snowflakes.js';

export interface Harness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  /** Every log line the adapter wrote. */
  logs: string[];
  people: { alice: FakeUser; mallory: FakeUser; bob: FakeUser };
  general: string;
  modLog: string;
  close(): Promise<void>;
}

export async function startHarness(service: BotService, options: { deferAfterMs?: number; log?: { logger: Logger; lines: string[] } } = {}): Promise<Harness> {
  const fake = await startFakeDiscord();
  const { logger, lines: logs } = options.log ?? captureLogger();
  const adapter = await startDiscord({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl }, service, logger, {
    rest: { timeout: 5_000 },
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  return {
    fake,
    adapter,
    logs,
    people: { alice: user(newSnowflake(), 'alice'), mallory: user(newSnowflake(), 'mallory'), bob: user(newSnowflake(), 'bob') },
    general: fake.guild.channels[0]!.id,
    modLog: fake.guild.channels[1]!.id,
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
}
