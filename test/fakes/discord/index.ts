// One fake Discord (REST + gateway) per test file: a bot, an application, one guild with two channels.
import { FakeDiscordGateway } from './gateway.js';
import { user, type FakeGuild } from './payloads.js';
import { FakeDiscordRest } from './rest.js';
import { newSnowflake } from './snowflakes.js';

export interface FakeDiscord {
  rest: FakeDiscordRest;
  gateway: FakeDiscordGateway;
  apiUrl: string;
  applicationId: string;
  token: string;
  guild: FakeGuild;
  close(): Promise<void>;
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const applicationId = newSnowflake();
  const bot = user(applicationId, 'acts-bot', { bot: true });
  const guild: FakeGuild = {
    id: newSnowflake(),
    name: 'Test server',
    memberCount: 42,
    ownerId: newSnowflake(),
    channels: [
      { id: newSnowflake(), name: 'general' },
      { id: newSnowflake(), name: 'mod-log' },
    ],
  };
  const rest = new FakeDiscordRest(bot, new Map(guild.channels.map((c) => [c.id, { type: 0, guildId: guild.id, name: c.name }])));
  const gateway = new FakeDiscordGateway(bot, applicationId, [guild]);
  await Promise.all([rest.start(), gateway.start()]);
  rest.gatewayUrl = gateway.url;
  return {
    rest,
    gateway,
    apiUrl: rest.apiUrl,
    applicationId,
    token: 'fake-discord-token',
    guild,
    close: async () => {
      await Promise.all([rest.close(), gateway.close()]);
    },
  };
}

export * from './interaction-payloads.js';
export * from './payloads.js';
export { snowflakeAt, newSnowflake } from './snowflakes.js';
export type { FakeDiscordRest, RecordedCall } from './rest.js';
export type { FakeDiscordGateway } from './gateway.js';
