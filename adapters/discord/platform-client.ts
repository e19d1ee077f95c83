// The service's way out to Discord: DMs to people who opted in, and posts to moderator log channels.
import type { Client } from 'discord.js';
import { DeliveryError, type OutboundMessage, type PlatformClient } from '../../src/bot/ports.js';
import type { Logger } from '../../src/observability/logger.js';
import { toDeliveryError } from './delivery-errors.js';
import { outboundPayload } from './outbound-payload.js';
import { isSnowflake } from './snowflake.js';

export class DiscordPlatformClient implements PlatformClient {
  readonly platform = 'discord' as const;

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
  ) {}

  /** POST /users/@me/channels (once per person; discord.js caches the DM channel), then POST /channels/:id/messages. */
  async sendDirect(userId: string, message: OutboundMessage): Promise<void> {
    if (!isSnowflake(userId)) throw new DeliveryError({ kind: 'unreachable', detail: 'not a Discord user id' });
    const payload = await outboundPayload(message, this.logger);
    try {
      await this.client.users.send(userId, payload);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async postToChannel(channelId: string, message: OutboundMessage): Promise<void> {
    if (!isSnowflake(channelId)) throw new DeliveryError({ kind: 'unreachable', detail: 'not a Discord channel id' });
    const payload = await outboundPayload(message, this.logger);
    try {
      const channel = await this.client.channels.fetch(channelId);
      if (!channel?.isSendable()) throw new DeliveryError({ kind: 'unreachable', detail: 'not a channel the bot can post in' });
      await channel.send(payload);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
