// How the bot connects: the fewest gateway intents that still show it what it protects people from.
import { GatewayIntentBits, Options, Partials, type ClientOptions, type RESTOptions } from 'discord.js';

/**
 * - Guilds: channels, member counts and the guild list (needed for everything else to resolve).
 * - GuildMessages / DirectMessages: MESSAGE_CREATE, _UPDATE and _DELETE in servers and in the bot's DMs.
 * - MessageContent (privileged): without it message text is empty for messages that do not mention the bot,
 *   and the text is what is analysed.
 * Not requested: GuildMembers (member count comes with GUILD_CREATE, the author's member with each message),
 * GuildPresences, reactions, typing, voice.
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
] as const;

export const INTENTS_BITFIELD = INTENTS.reduce((bits, intent) => bits | intent, 0);

/**
 * Channel: DM channels are not cached, so without it DMs are dropped. Message: edits and deletions of
 * messages not in the cache (all of them, see below) are still reported.
 */
export const PARTIALS = [Partials.Channel, Partials.Message] as const;

/** A rate-limit wait longer than this is handed back to the delivery queue instead of blocking a REST call. */
export const MAX_RATE_LIMIT_WAIT_MS = 30_000;

export function discordClientOptions(apiUrl: string, rest: Partial<RESTOptions> = {}): ClientOptions {
  return {
    intents: [...INTENTS],
    partials: [...PARTIALS],
    // The evidence store keeps messages; caching them here would only cost memory and make a replayed
    // MESSAGE_CREATE invisible (discord.js skips messages it already holds), hiding it from the store's dedup.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    // Nobody is ever pinged by what the bot sends, whatever text it quotes.
    allowedMentions: { parse: [], repliedUser: false },
    rest: {
      api: apiUrl.replace(/\/+$/, ''),
      version: '10',
      rejectOnRateLimit: (limit) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
      ...rest,
    },
  };
}
