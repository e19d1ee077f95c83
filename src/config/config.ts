// Reads the environment once, validates it, and returns a frozen, typed configuration.
import path from 'node:path';
import { VARIABLES } from './variables.js';

export interface TelegramConfig {
  token: string;
  apiRoot: string;
  webhook?: { url: string; secret: string; port: number };
}
export interface DiscordConfig {
  token: string;
  applicationId: string;
  apiUrl: string;
}
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  port: number;
  apiUrl: string;
}

export interface Config {
  dataDir: string;
  storeUrl: string;
  /**
   * The bot's own state (who is protected, the inbox, queued DMs). Without ACTS_STORE_URL a SQLite file of
   * its own beside the evidence (acts.bot.sqlite), so the bot's writes never wait for evidence writes;
   * with it, the same store.
   */
  botStoreUrl: string;
  signingKeyFile: string;
  evidenceKeyFile: string;
  /** Retention period in days; undefined = keep evidence forever. */
  retentionDays?: number;
  /** Hours the server copy of a bundle exported in chat (<dataDir>/exports) is kept before the sweep removes it. */
  exportKeepHours: number;
  logLevel: string;
  telegram?: TelegramConfig;
  discord?: DiscordConfig;
  slack?: SlackConfig;
}

/** The bot's own SQLite file in ACTS_DATA_DIR (when ACTS_STORE_URL is not set). */
export const BOT_SQLITE_FILE = 'acts.bot.sqlite';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (raw) return raw;
  return VARIABLES.find((v) => v.name === name)?.default;
}

/** Digits only, 1 or more, within safe integers; undefined for anything else. */
function countOfOneOrMore(raw: string): number | undefined {
  const n = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

function port(env: Env, name: string, problems: string[]): number {
  const raw = value(env, name) ?? '';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) problems.push(`${name} must be a port number (0-65535), got '${raw}'`);
  return n;
}

function url(env: Env, name: string, problems: string[]): string {
  const raw = value(env, name) ?? '';
  try {
    const parsed = new URL(raw);
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('not http(s)');
  } catch {
    problems.push(`${name} must be an http(s) URL, got '${raw}'`);
  }
  return raw;
}

/** Checks that a platform's variables are set together: all of `required` or none of them. */
function group(env: Env, required: string[], problems: string[]): boolean {
  const set = required.filter((name) => env[name]?.trim());
  if (set.length === 0) return false;
  if (set.length < required.length) {
    const missing = required.filter((name) => !set.includes(name));
    problems.push(`${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
    return false;
  }
  return true;
}

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const problems: string[] = [];
  const dataDir = path.resolve(value(env, 'ACTS_DATA_DIR') ?? './data');
  const config: Config = {
    dataDir,
    storeUrl: value(env, 'ACTS_STORE_URL') ?? `sqlite://${path.join(dataDir, 'acts.sqlite')}`,
    botStoreUrl: value(env, 'ACTS_STORE_URL') ?? `sqlite://${path.join(dataDir, BOT_SQLITE_FILE)}`,
    signingKeyFile: path.resolve(value(env, 'ACTS_SIGNING_KEY_FILE') ?? path.join(dataDir, 'signing-key.pem')),
    evidenceKeyFile: path.resolve(value(env, 'ACTS_EVIDENCE_KEY_FILE') ?? path.join(dataDir, 'evidence.key')),
    logLevel: value(env, 'ACTS_LOG_LEVEL') ?? 'info',
    exportKeepHours: 0,
  };
  const retention = value(env, 'ACTS_RETENTION_DAYS');
  if (retention !== undefined) {
    const days = countOfOneOrMore(retention);
    if (days === undefined) problems.push(`ACTS_RETENTION_DAYS must be a whole number of days (1 or more), or empty to keep evidence forever; got '${retention}'`);
    else config.retentionDays = days;
  }
  const keepHours = value(env, 'ACTS_EXPORT_KEEP_HOURS') ?? '';
  const hours = countOfOneOrMore(keepHours);
  if (hours === undefined) {
    problems.push(`ACTS_EXPORT_KEEP_HOURS must be a whole number of hours (1 or more) that the server keeps a bundle exported in chat, or empty for the default (72); got '${keepHours}'`);
  } else config.exportKeepHours = hours;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`ACTS_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got '${config.logLevel}'`);
  }

  if (group(env, ['TELEGRAM_BOT_TOKEN'], problems)) {
    const telegram: TelegramConfig = { token: value(env, 'TELEGRAM_BOT_TOKEN')!, apiRoot: url(env, 'TELEGRAM_API_ROOT', problems) };
    if (value(env, 'TELEGRAM_WEBHOOK_URL')) {
      const secret = value(env, 'TELEGRAM_WEBHOOK_SECRET');
      if (!secret || !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        problems.push('TELEGRAM_WEBHOOK_SECRET must be set (1-256 characters A-Z a-z 0-9 _ -) when TELEGRAM_WEBHOOK_URL is');
      }
      telegram.webhook = { url: url(env, 'TELEGRAM_WEBHOOK_URL', problems), secret: secret ?? '', port: port(env, 'TELEGRAM_WEBHOOK_PORT', problems) };
    }
    config.telegram = telegram;
  }
  if (group(env, ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'], problems)) {
    config.discord = {
      token: value(env, 'DISCORD_TOKEN')!,
      applicationId: value(env, 'DISCORD_APPLICATION_ID')!,
      apiUrl: url(env, 'DISCORD_API_URL', problems),
    };
  }
  if (group(env, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], problems)) {
    config.slack = {
      botToken: value(env, 'SLACK_BOT_TOKEN')!,
      signingSecret: value(env, 'SLACK_SIGNING_SECRET')!,
      port: port(env, 'SLACK_PORT', problems),
      apiUrl: url(env, 'SLACK_API_URL', problems),
    };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** The message `npm start` prints when no platform is configured: what to set and where to get it. */
export function noPlatformHelp(): string {
  const lines = ['No chat platform is configured, so the bot has nothing to connect to.', '', 'Set the variables of at least one platform (in the environment or a .env file; see .env.example):'];
  for (const platform of ['telegram', 'discord', 'slack'] as const) {
    lines.push('', `  ${platform[0]!.toUpperCase()}${platform.slice(1)}:`);
    for (const v of VARIABLES.filter((x) => x.group === platform && !x.default && !x.name.includes('WEBHOOK'))) {
      lines.push(`    ${v.name.padEnd(24)} ${v.help}`);
    }
  }
  lines.push('', 'To use ACTS without any platform, scan an exported chat history or mailbox offline:', '  npx acts scan FILE --recipient ID   (see `npx acts scan --help`)');
  return lines.join('\n');
}
