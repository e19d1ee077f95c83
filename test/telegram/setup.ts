// One running bot for an end-to-end test: the fake Bot API, the real bot service on in-memory doubles
// (real clock, so the DM queue runs by itself), and the Telegram adapter with real telegraf.
import { ActsBotService } from '../../src/bot/service.js';
import { MemoryStore } from '../../src/bot/store.js';
import type { TelegramConfig } from '../../src/config/config.js';
import { startTelegram, type TelegramHandle } from '../../adapters/telegram/start.js';
import { MarkerAnalyser } from '../doubles/analyser.js';
import { MemoryArchive } from '../doubles/archive.js';
import { captureLogger } from '../doubles/log.js';
import { MemoryRecipientState } from '../doubles/state.js';
import { FakeTelegram } from '../fakes/telegram/server.js';
import { tempDir } from '../helpers/temp-dir.js';

export const VICTIM = { id: 5550001, first_name: 'Vera', username: 'vera_v' };
export const SENDER = { id: 5550666, first_name: 'Mallory', username: 'mallory' };
export const STRANGER = { id: 5550999, first_name: 'Sam', username: 'sam_s' };

export interface Running {
  fake: FakeTelegram;
  service: ActsBotService;
  adapter: TelegramHandle;
  archive: MemoryArchive;
  state: MemoryRecipientState;
  store: MemoryStore;
  analyser: MarkerAnalyser;
  log: ReturnType<typeof captureLogger>;
  /** Stops the adapter and starts a new one on the same service and stores, as after a restart. */
  restartAdapter(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBot(options: { webhook?: { secret: string }; pathPrefix?: string; apiRoot?: (fake: FakeTelegram) => string } = {}): Promise<Running> {
  const fake = await FakeTelegram.start(options.pathPrefix ? { pathPrefix: options.pathPrefix } : {});
  const store = new MemoryStore();
  const archive = new MemoryArchive();
  const state = new MemoryRecipientState();
  const analyser = new MarkerAnalyser(archive, state);
  const log = captureLogger();
  const exportDir = tempDir('tg-export');
  const service = new ActsBotService({ analyser, archive, state, store, logger: log.logger, exportDir });
  await service.start();
  const config: TelegramConfig = { token: fake.token, apiRoot: options.apiRoot?.(fake) ?? fake.apiRoot };
  if (options.webhook) config.webhook = { url: 'https://bot.example.org/telegram/hook', secret: options.webhook.secret, port: 0 };
  const launch = async () => {
    const adapter = await startTelegram(config, service, log.logger, { polling: { timeoutSec: 1, retryDelayMs: 50 }, webhookHost: '127.0.0.1' });
    service.attachClient(adapter.client);
    return adapter;
  };
  const running: Running = {
    fake,
    service,
    adapter: await launch(),
    archive,
    state,
    store,
    analyser,
    log,
    async restartAdapter() {
      await running.adapter.stop();
      running.adapter = await launch();
    },
    async stop() {
      await running.adapter.stop();
      await service.stop();
      await fake.close();
    },
  };
  return running;
}

/**
 * Pushes an update and waits until the bot has confirmed it and processed everything it stored (messages,
 * edits and deletions are confirmed once they are in the durable inbox, and processed after that).
 */
export async function send(bot: Running, update: Record<string, unknown>): Promise<number> {
  const id = bot.fake.push(update);
  await bot.fake.confirmedPast(id);
  await bot.service.drained();
  return id;
}
