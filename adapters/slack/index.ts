// The Slack adapter: Bolt's HTTP receiver for events, the `/acts` command, buttons and the message
// shortcut, and a PlatformClient for verdict DMs. `startSlack` is all the composition root needs.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, webApi } from '@slack/bolt';
import type { BotService, PlatformClient } from '../../src/bot/ports.js';
import type { SlackConfig } from '../../src/config/config.js';
import type { Logger } from '../../src/observability/logger.js';
import { boltLogger } from './bolt-logger.js';
import { registerCommands } from './listeners/commands.js';
import type { ListenerDeps } from './listeners/deps.js';
import { registerInteractions } from './listeners/interactions.js';
import { registerMessageEvents } from './listeners/messages.js';
import { moderatorLookup } from './moderators.js';
import { SlackPlatformClient } from './platform-client.js';

export { SHORTCUT_CALLBACK_ID } from './listeners/interactions.js';
export { SLASH_COMMAND } from './listeners/commands.js';

export interface SlackOptions {
  /**
   * true (default): answer Slack only after the service has taken the event, or at `ackDeadlineMs`,
   * whichever is first, so a failure yields a 500 and a redelivery. false: Bolt answers before the
   * listeners run (an event is then lost if the service fails).
   */
  processBeforeResponse?: boolean;
  /**
   * true (default): when the service offers `accept`, answer Slack as soon as the event is durably stored
   * in the service's inbox (one group-committed write), and let the service process it from there, so the
   * answer never waits for the analysis. false: the processBeforeResponse/deadline behaviour below.
   */
  durableAck?: boolean;
  /** Latest answer to Slack, below its 3-second limit. Default 2500 ms. */
  ackDeadlineMs?: number;
  /** Interface to listen on; default all interfaces (put TLS in front, e.g. a reverse proxy). */
  host?: string;
}

export interface SlackAdapter {
  client: PlatformClient;
  /** The port actually bound (SLACK_PORT may be 0). */
  port: number;
  stop(): Promise<void>;
}

export class SlackStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlackStartError';
  }
}

export async function startSlack(config: SlackConfig, service: BotService, logger: Logger, options: SlackOptions = {}): Promise<SlackAdapter> {
  const log = logger.child({ platform: 'slack' });
  const slackApiUrl = config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`;
  const clientOptions = { slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLogger(log), timeout: 10_000 };
  const web = new webApi.WebClient(config.botToken, clientOptions);

  // One auth.test up front: fails fast on a bad token, and gives the bot's ids and the workspace URL.
  let auth;
  try {
    auth = await web.auth.test();
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    throw new SlackStartError(`Slack refused the bot token (auth.test: ${typeof code === 'string' ? code : 'no answer'}); check SLACK_BOT_TOKEN and SLACK_API_URL`, { cause: error });
  }
  if (!auth.user_id || !auth.bot_id || !auth.team_id) throw new SlackStartError('auth.test did not name the bot user, bot and team: is SLACK_BOT_TOKEN a bot token (xoxb-…)?');
  const workspaceUrls = new Map<string, string>(auth.url ? [[auth.team_id, auth.url]] : []);

  const app = new App({
    token: config.botToken,
    signingSecret: config.signingSecret,
    botId: auth.bot_id,
    botUserId: auth.user_id,
    processBeforeResponse: options.processBeforeResponse ?? true,
    clientOptions,
    logger: boltLogger(log),
  });
  const client = new SlackPlatformClient(web, log);
  const deps: ListenerDeps = {
    service,
    client,
    log,
    isModerator: moderatorLookup(web, log),
    ackDeadlineMs: options.ackDeadlineMs ?? 2500,
    durableAck: options.durableAck ?? true,
    botUserId: auth.user_id,
    workspaceUrl: (teamId) => workspaceUrls.get(teamId),
  };
  registerMessageEvents(app, deps);
  registerCommands(app, deps);
  registerInteractions(app, deps);

  const server = (await app.start(options.host ? { port: config.port, host: options.host } : config.port)) as Server;
  const port = (server.address() as AddressInfo).port;
  log.info({ port, teamId: auth.team_id }, 'slack adapter listening');
  return { client, port, stop: () => app.stop().then(() => undefined) };
}
