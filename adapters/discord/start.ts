// Starts the Discord side of the bot: gateway connection, command registration, event handling, and the
// PlatformClient the service sends through. The composition root (adapters/main.ts) calls this.
import { once } from 'node:events';
import { Client, Routes, type RESTOptions } from 'discord.js';
import type { BotService, PlatformClient } from '../../src/bot/ports.js';
import type { DiscordConfig } from '../../src/config/config.js';
import type { Logger } from '../../src/observability/logger.js';
import { discordClientOptions } from './client-options.js';
import { COMMANDS } from './commands.js';
import { attachInteractions } from './interactions.js';
import { errorFields } from './log-fields.js';
import { attachMessageEvents } from './message-events.js';
import { DiscordPlatformClient } from './platform-client.js';
import { KeyedSerialQueue } from './serial-queue.js';

export interface DiscordAdapter {
  client: PlatformClient;
  /** Stops taking events, lets those already received finish (their replies need the REST token), then disconnects. */
  stop(): Promise<void>;
}

export interface DiscordStartOptions {
  /** Overrides for discord.js's REST client (tests shorten timeouts). */
  rest?: Partial<RESTOptions>;
  /** See InteractionOptions.deferAfterMs. */
  deferAfterMs?: number;
  /** How long to wait for the gateway to be ready. */
  readyTimeoutMs?: number;
}

export async function startDiscord(config: DiscordConfig, service: BotService, logger: Logger, options: DiscordStartOptions = {}): Promise<DiscordAdapter> {
  const log = logger.child({ platform: 'discord' });
  const client = new Client(discordClientOptions(config.apiUrl, options.rest));
  const queue = new KeyedSerialQueue();
  let interactionCount = 0;
  const track = (task: () => Promise<void>) =>
    void queue.run(`interaction:${++interactionCount}`, task, (error) =>
      log.error({ event: 'discord.interaction.failed', error: errorFields(error) }, 'interaction not handled'),
    );

  attachMessageEvents(client, queue, service, log);
  attachInteractions(client, track, service, { applicationId: config.applicationId, deferAfterMs: options.deferAfterMs ?? 2000 }, log);
  client.on('error', (error) => log.error({ event: 'discord.client.error', error: errorFields(error) }, 'discord.js error'));
  client.on('warn', (warning) => log.warn({ event: 'discord.client.warn', warning }, 'discord.js warning'));
  client.on('shardDisconnect', (event, shard) => log.error({ event: 'discord.gateway.closed', code: event.code, shard }, 'gateway closed and will not reconnect'));
  client.on('shardError', (error, shard) => log.warn({ event: 'discord.gateway.error', shard, error: errorFields(error) }, 'gateway connection error'));
  client.on('shardReconnecting', (shard) => log.info({ event: 'discord.gateway.reconnecting', shard }, 'gateway reconnecting'));
  client.on('shardResume', (shard, replayed) => log.info({ event: 'discord.gateway.resumed', shard, replayed }, 'gateway session resumed'));

  try {
    const ready = once(client, 'clientReady', { signal: AbortSignal.timeout(options.readyTimeoutMs ?? 60_000) });
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    log.error({ event: 'discord.login.failed', error: errorFields(error) }, 'could not connect to Discord');
    throw new Error(`Discord: could not connect (${errorFields(error).name}); check DISCORD_TOKEN and DISCORD_API_URL`, { cause: error });
  }
  log.info({ event: 'discord.ready', botUserId: client.user?.id, guilds: client.guilds.cache.size }, 'connected to Discord');
  await registerCommands(client, config.applicationId, log);

  return {
    client: new DiscordPlatformClient(client, log),
    async stop() {
      queue.close();
      await queue.drain();
      await client.destroy();
      log.info({ event: 'discord.stopped', refusedWhileStopping: queue.refused }, 'disconnected from Discord');
    },
  };
}

/** Overwrites the global commands with ours (idempotent). A failure is logged: old registrations keep working. */
async function registerCommands(client: Client, applicationId: string, log: Logger): Promise<void> {
  if (client.application?.id && client.application.id !== applicationId) {
    log.error({ event: 'discord.application.mismatch', configured: applicationId, actual: client.application.id }, 'DISCORD_APPLICATION_ID is not the application of DISCORD_TOKEN');
  }
  try {
    await client.rest.put(Routes.applicationCommands(applicationId), { body: COMMANDS });
    log.info({ event: 'discord.commands.registered', count: COMMANDS.length }, 'application commands registered');
  } catch (error) {
    log.error({ event: 'discord.commands.failed', error: errorFields(error) }, 'could not register application commands');
  }
}
