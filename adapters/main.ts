// `npm start`: the composition root. Starts every platform whose credentials are set, wired to one bot
// service; with none set, says what to set and exits non-zero. Each platform's library (telegraf,
// discord.js, Bolt) is imported only when that platform is configured, which shortens the start.
import { ConfigError, loadConfig, noPlatformHelp, type Config } from '../src/config/config.js';
import { loadDotEnv } from '../src/config/dotenv.js';
import { destination } from 'pino';
import { createLogger, type Logger } from '../src/observability/logger.js';
import { openRuntime } from '../src/app/runtime.js';
import { lockDataDir } from '../src/app/data-dir-lock.js';

const EX_CONFIG = 78;

function readConfig(): Config | number {
  try {
    loadDotEnv();
    const config = loadConfig();
    if (config.telegram || config.discord || config.slack) return config;
    process.stderr.write(`${noPlatformHelp()}\n`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`acts: ${error.message}\n`);
  }
  return EX_CONFIG;
}

// A bot that is still stopping may hold the lock for a moment; a second bot on the same folder never gets it.
const LOCK_WAIT_MS = 10_000;

async function run(config: Config, log: Logger): Promise<void> {
  const lock = await lockDataDir(config.dataDir, { waitMs: LOCK_WAIT_MS });
  let runtime: Awaited<ReturnType<typeof openRuntime>>;
  try {
    runtime = await openRuntime(config, log);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const stops: Array<() => Promise<void>> = [
    async () => {
      await runtime.close();
      await lock.release();
    },
  ];
  try {
    if (config.telegram) {
      const { startTelegram } = await import('./telegram/start.js');
      const telegram = await startTelegram(config.telegram, runtime.service, log);
      runtime.service.attachClient(telegram.client);
      stops.push(() => telegram.stop());
    }
    if (config.discord) {
      const { startDiscord } = await import('./discord/start.js');
      const discord = await startDiscord(config.discord, runtime.service, log);
      runtime.service.attachClient(discord.client);
      stops.push(() => discord.stop());
    }
    if (config.slack) {
      const { startSlack } = await import('./slack/index.js');
      const slack = await startSlack(config.slack, runtime.service, log);
      runtime.service.attachClient(slack.client);
      stops.push(() => slack.stop());
      log.info({ port: slack.port }, 'slack requests accepted');
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
  log.info({ platforms: [config.telegram && 'telegram', config.discord && 'discord', config.slack && 'slack'].filter(Boolean) }, 'acts bot running');

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log.error({ err: error.name }, 'adapter did not stop cleanly'));
    try {
      logOutput.flushSync();
    } catch {
      // nothing left to flush, or stderr is gone
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

// Log lines are written without blocking the event loop (a synchronous write to stderr per line cost
// about 5 % of the bot's time under load); they are flushed before a clean exit.
const logOutput = destination({ dest: 2, sync: false });

const config = readConfig();
if (typeof config === 'number') {
  process.exitCode = config;
} else {
  const log = createLogger({ level: config.logLevel, destination: logOutput as unknown as NodeJS.WritableStream });
  // A platform library that throws inside its own event handler must not take the bot down with it.
  process.on('unhandledRejection', (reason) => log.error({ err: reason instanceof Error ? reason.name : typeof reason }, 'unhandled rejection'));
  run(config, log).catch((error: Error) => {
    log.fatal({ err: error.name, code: (error as { code?: string }).code }, error.message);
    process.exitCode = 1;
  });
}
