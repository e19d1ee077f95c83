// A fake Telegram plus the real bot process on a fresh data folder, with people already protected: the
// starting point of the storage-fault tests.
import { FakeTelegram } from '../fakes/telegram/server.js';
import { command, type TgUserLike } from '../fakes/telegram/updates.js';
import { tempDir } from '../helpers/temp-dir.js';
import { logLines, startBot, until, type BotProcess, type StartOptions } from './bot-process.js';

export const TOKEN = '123456:FAULT-token-never-logged';

export interface TelegramBotFixture {
  fake: FakeTelegram;
  dataDir: string;
  env: Record<string, string>;
  bot: BotProcess;
  restart(options?: StartOptions): Promise<BotProcess>;
  /** Waits for a structured log line of the current process with this `msg`. */
  logged(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function telegramBot(people: TgUserLike[], extraEnv: (dataDir: string) => Record<string, string> = () => ({})): Promise<TelegramBotFixture> {
  const fake = await FakeTelegram.start({ token: TOKEN, holdMs: 100 });
  const dataDir = tempDir('fault');
  const env = { ACTS_DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, ACTS_LOG_LEVEL: 'info', ...extraEnv(dataDir) };
  const fixture: TelegramBotFixture = {
    fake,
    dataDir,
    env,
    bot: startBot(env),
    async restart(options) {
      await fixture.bot.stop('SIGTERM');
      fixture.bot = startBot(env, options);
      return fixture.bot;
    },
    async logged(msg, timeoutMs = 60_000) {
      let found: Record<string, unknown> | undefined;
      await until(() => (found = logLines(fixture.bot.output()).find((l) => l['msg'] === msg)) !== undefined, timeoutMs, `log "${msg}"`);
      return found!;
    },
    async close() {
      await fixture.bot.stop('SIGKILL');
      await fake.close();
    },
  };
  let last = 0;
  for (const person of people) last = fake.push(command(person, '/protect'));
  if (people.length > 0) await fake.confirmedPast(last, 120_000);
  return fixture;
}
