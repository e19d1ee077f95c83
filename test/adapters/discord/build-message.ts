// Real discord.js Messages built from raw gateway payloads, without a connection: the normaliser is
// tested on exactly what discord.js hands it. (Message's constructor is private in the typings only.)
import { Client, Message, type Channel, type Guild, type PartialMessage } from 'discord.js';
import { discordClientOptions } from '../../../adapters/discord/client-options.js';
import { guildCreate, type FakeGuild } from '../../fakes/discord/payloads.js';

type Adder<T> = { _add(data: unknown): T };

export function offlineClient(): Client {
  return new Client(discordClientOptions('http://127.0.0.1:9/api'));
}

export function addGuild(client: Client, guild: FakeGuild): Guild {
  return (client.guilds as unknown as Adder<Guild>)._add(guildCreate(guild));
}

export function addDmChannel(client: Client, channelId: string, recipient: { id: string; username: string }): Channel {
  return (client.channels as unknown as Adder<Channel>)._add({ id: channelId, type: 1, recipients: [recipient] });
}

export function buildMessage(client: Client, payload: Record<string, unknown>): Message | PartialMessage {
  const MessageClass = Message as unknown as new (client: Client, data: unknown) => Message;
  return new MessageClass(client, payload);
}
