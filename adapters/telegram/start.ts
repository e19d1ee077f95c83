// startTelegram: connects telegraf to the Bot API (TELEGRAM_API_ROOT), delivers updates to the bot
// service by long polling (default) or a webhook, and returns the PlatformClient the service DMs through.
import { Telegraf } from 'telegraf';
import type { BotService, PlatformClient } from '../../src/bot/ports.js';
import type { TelegramConfig } from '../../src/config/config.js';
import type { Logger } from '../../src/observability/logger.js';
import { TelegramClient } from './client.js';
import { Directory } from './directory.js';
import { dispatchUpdate, handleEvent, inboxEvents, prepareUpdate, type DispatchDeps } from './dispatch.js';
import { DEFAULT_POLLING, Poller, runByChat, type BatchHandler, type PollingOptions } from './polling.js';
import { ALLOWED_UPDATES, isObject } from './raw.js';
import { UpdatesClient } from './updates-client.js';
import type { InboundEvent } from '../../src/bot/ports.js';
import { startWebhookServer, type WebhookServer } from './webhook.js';

export interface TelegramOptions {
  polling?: Partial<PollingOptions>;
  /** Interface the webhook server binds (default all). */
  webhookHost?: string;
  now?: () => number;
}

export interface TelegramHandle {
  client: PlatformClient;
  /** The port the webhook server listens on, when a webhook is configured. */
  webhookPort?: number;
  stop(): Promise<void>;
}

const COMMAND_MENU = [
  { command: 'protect', description: 'Start protecting me' },
  { command: 'status', description: 'What is on for me' },
  { command: 'rules', description: 'My rules: add, list, remove' },
  { command: 'offenders', description: 'My known offenders: list, remove' },
  { command: 'export', description: 'Send me my evidence bundle' },
  { command: 'digest', description: 'One summary a day: on/off' },
  { command: 'grey', description: 'Uncertain cases too: on/off' },
  { command: 'unprotect', description: 'Stop protecting me' },
  { command: 'help', description: 'What ACTS can do' },
];

/** Why the adapter could not start, in words an operator can act on; never the token. */
export class TelegramStartError extends Error {
  constructor(cause: unknown) {
    const code = (cause as { code?: unknown }).code;
    super(
      code === 401 || code === 404
        ? 'Telegram refused the bot token: check TELEGRAM_BOT_TOKEN (from @BotFather).'
        : `Telegram's Bot API could not be reached at TELEGRAM_API_ROOT (${typeof code === 'number' ? `HTTP ${code}` : cause instanceof Error ? cause.name : 'error'}).`,
    );
    this.name = 'TelegramStartError';
  }
}

export async function startTelegram(config: TelegramConfig, service: BotService, logger: Logger, options: TelegramOptions = {}): Promise<TelegramHandle> {
  const log = logger.child({ component: 'telegram' });
  // telegraf resolves `./bot<token>/<method>` against the root, which drops a last path segment without a
  // trailing slash (`https://proxy/tg` → `https://proxy/bot…`); the getUpdates client resolves the same way.
  const apiRoot = config.apiRoot.endsWith('/') ? config.apiRoot : `${config.apiRoot}/`;
  const bot = new Telegraf(config.token, { telegram: { apiRoot, webhookReply: false } });
  const me = await bot.telegram.getMe().catch((error: unknown) => {
    throw new TelegramStartError(error);
  });
  bot.botInfo = me;
  const client = new TelegramClient(bot.telegram);
  const deps: DispatchDeps = {
    service,
    telegram: bot.telegram,
    client,
    directory: new Directory(),
    log,
    bot: { id: me.id, username: me.username },
    now: options.now ?? Date.now,
  };
  bot.use((ctx) => dispatchUpdate(deps, ctx.update));
  // Rethrown so the update is not confirmed: polling fetches it again, the webhook answers 500.
  bot.catch((error) => {
    throw error;
  });
  const handle = (update: unknown): Promise<void> => bot.handleUpdate(update as never);
  await bot.telegram.setMyCommands(COMMAND_MENU).catch(() => log.warn('could not set the command menu'));

  const batch = batchHandler(deps, handle);
  if (config.webhook) {
    const url = new URL(config.webhook.url);
    // One update per request, through the same path as a polled batch: a message is answered 200 once it
    // is in the durable inbox (not after its analysis), and 500 when it could not be stored.
    const handleOne = async (update: unknown): Promise<void> => {
      const [result] = await batch([update]);
      if (result?.status === 'rejected') throw result.reason;
    };
    const server: WebhookServer = await startWebhookServer(
      { path: url.pathname || '/', secret: config.webhook.secret, port: config.webhook.port, ...(options.webhookHost ? { host: options.webhookHost } : {}) },
      handleOne,
      log,
    );
    await bot.telegram.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] as never });
    log.info({ bot: me.username, mode: 'webhook', port: server.port }, 'telegram adapter started');
    return { client, webhookPort: server.port, stop: () => server.close() };
  }

  await bot.telegram.deleteWebhook();
  const poller = new Poller(new UpdatesClient(apiRoot, config.token), batch, log, { ...DEFAULT_POLLING, ...options.polling });
  poller.start();
  log.info({ bot: me.username, mode: 'polling' }, 'telegram adapter started');
  return { client, stop: () => poller.stop() };
}

/**
 * With a durable inbox (BotService.acceptMany), a batch's messages, edits and deletions are stored in one
 * write and processed after the offset confirmed them; commands and buttons still run before. Without
 * it every update is handled in full before it is confirmed.
 */
function batchHandler(deps: DispatchDeps, handle: (update: unknown) => Promise<void>): BatchHandler {
  const acceptMany = deps.service.acceptMany?.bind(deps.service);
  if (!acceptMany) return (updates) => runByChat(updates, handle);
  return async (updates) => {
    const inbox: Array<{ index: number; events: InboundEvent[] }> = [];
    const results = await runByChat(updates, async (update, index) => {
      const event = await prepareUpdate(deps, update);
      if (!event) return;
      const events = inboxEvents(event);
      if (events) inbox.push({ index, events });
      else await handleEvent(deps, event, isObject(update) ? update['update_id'] : undefined);
    });
    if (inbox.length === 0) return results;
    try {
      await acceptMany(inbox.flatMap((entry) => entry.events));
    } catch (reason) {
      // Not stored: none of them may be confirmed; they come again.
      deps.log.error({ updates: inbox.length, err: reason instanceof Error ? reason.name : typeof reason }, 'telegram: could not store the updates; they will be fetched again');
      for (const { index } of inbox) results[index] = { status: 'rejected', reason };
    }
    return results;
  };
}
