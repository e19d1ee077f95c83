// Every environment variable the bot reads, in one table. `.env.example` must list each of them
// (a test checks), and `loadConfig` is the only place that reads `process.env`.

export interface VariableSpec {
  name: string;
  /** One line for `.env.example` and for the start-up message. */
  help: string;
  default?: string;
  /** Secrets are never printed, not even their length. */
  secret?: boolean;
  group: 'storage' | 'telegram' | 'discord' | 'slack' | 'general';
}

export const VARIABLES: readonly VariableSpec[] = [
  { name: 'ACTS_DATA_DIR', group: 'storage', default: './data', help: 'Folder for the SQLite database, the signing key and exports.' },
  {
    name: 'ACTS_STORE_URL',
    group: 'storage',
    help: 'Storage for keyv; empty = sqlite://<ACTS_DATA_DIR>/acts.sqlite. postgresql://… or redis://… need @keyv/postgres or @keyv/redis installed.',
  },
  {
    name: 'ACTS_SIGNING_KEY_FILE',
    group: 'storage',
    help: 'Ed25519 private key (PEM) that signs evidence; created with mode 0600 at first start. Empty = <ACTS_DATA_DIR>/signing-key.pem.',
  },
  {
    name: 'ACTS_EVIDENCE_KEY_FILE',
    group: 'storage',
    help: 'AES-256 key that encrypts evidence at rest; created with mode 0600 at first start. Keep it outside backups of the database. Empty = <ACTS_DATA_DIR>/evidence.key.',
  },
  {
    name: 'ACTS_RETENTION_DAYS',
    group: 'storage',
    help: 'Days evidence is kept after it was archived; older records become signed tombstones (daily, and by `acts retention`). Empty = keep forever. `acts hold` stops it per recipient.',
  },
  {
    name: 'ACTS_EXPORT_KEEP_HOURS',
    group: 'storage',
    default: '72',
    help: 'Hours the server keeps its copy of a bundle a person exported in chat (<ACTS_DATA_DIR>/exports), then removes it (sooner if ACTS_RETENTION_DAYS is shorter). Folders written by `acts export --out` are never removed.',
  },
  { name: 'ACTS_LOG_LEVEL', group: 'general', default: 'info', help: 'Log level: fatal, error, warn, info, debug or trace.' },
  { name: 'TELEGRAM_BOT_TOKEN', group: 'telegram', secret: true, help: 'Token from @BotFather (https://t.me/BotFather).' },
  { name: 'TELEGRAM_API_ROOT', group: 'telegram', default: 'https://api.telegram.org', help: 'Bot API server; point it at a local Bot API server to self-host.' },
  { name: 'TELEGRAM_WEBHOOK_URL', group: 'telegram', help: 'Public HTTPS URL for webhook delivery; empty = long polling (the default).' },
  { name: 'TELEGRAM_WEBHOOK_SECRET', group: 'telegram', secret: true, help: 'Secret token Telegram sends in X-Telegram-Bot-Api-Secret-Token; required with a webhook.' },
  { name: 'TELEGRAM_WEBHOOK_PORT', group: 'telegram', default: '8443', help: 'Local port the webhook server listens on.' },
  { name: 'DISCORD_TOKEN', group: 'discord', secret: true, help: 'Bot token from https://discord.com/developers/applications (Bot tab).' },
  { name: 'DISCORD_APPLICATION_ID', group: 'discord', help: 'Application id from the same page (General Information); needed to register commands.' },
  { name: 'DISCORD_API_URL', group: 'discord', default: 'https://discord.com/api', help: 'Discord REST API base; the gateway URL comes from its /gateway/bot.' },
  { name: 'SLACK_BOT_TOKEN', group: 'slack', secret: true, help: 'Bot User OAuth Token (xoxb-…) from https://api.slack.com/apps → OAuth & Permissions.' },
  { name: 'SLACK_SIGNING_SECRET', group: 'slack', secret: true, help: 'Signing Secret from the app\'s Basic Information page.' },
  { name: 'SLACK_PORT', group: 'slack', default: '3000', help: 'Port for Slack\'s Events API, interactivity and slash-command requests.' },
  { name: 'SLACK_API_URL', group: 'slack', default: 'https://slack.com/api/', help: 'Slack Web API base URL.' },
];
