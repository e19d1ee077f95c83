// Gateway message events → the service. Each channel's events are handled in order (an edit never
// overtakes its message); one failing event is logged and never stops the others.
import type { Client, Message as DiscordMessage, PartialMessage } from 'discord.js';
import type { BotService } from '../../src/bot/ports.js';
import type { MessageRef } from '../../src/evidence/contracts.js';
import type { Logger } from '../../src/observability/logger.js';
import { createKey, deleteKey, editKey } from './dedup-keys.js';
import { errorFields } from './log-fields.js';
import { normaliseMessage } from './normalise.js';
import type { KeyedSerialQueue } from './serial-queue.js';

type AnyMessage = DiscordMessage | PartialMessage;

function refOf(message: AnyMessage): MessageRef {
  return { platform: 'discord', messageId: message.id, channelId: message.channelId };
}

export function attachMessageEvents(client: Client, queue: KeyedSerialQueue, service: BotService, logger: Logger): void {
  const isOwn = (message: AnyMessage) => message.author?.id !== undefined && message.author.id === client.user?.id;
  const run = (event: string, message: AnyMessage, task: () => Promise<void>) =>
    void queue.run(message.channelId, task, (error) =>
      logger.error({ event: `discord.${event}.failed`, messageId: message.id, channelId: message.channelId, error: errorFields(error) }, 'message event not handled'),
    );

  client.on('messageCreate', (message) => {
    if (isOwn(message)) return;
    run('create', message, async () => {
      const normalised = normaliseMessage(message, { viewerId: client.user?.id });
      if (!normalised.ok) {
        logger.debug({ event: 'discord.create.skipped', messageId: message.id, reason: normalised.reason }, 'message skipped');
        return;
      }
      await service.onMessage(normalised.message, createKey(message.id));
    });
  });

  client.on('messageUpdate', (_old, message) => {
    if (isOwn(message)) return;
    run('edit', message, async () => {
      // Link previews and pins also update a message; only a new edit time means the author changed it.
      const editedAt = message.editedTimestamp;
      if (editedAt === null || !Number.isFinite(editedAt)) return;
      if (typeof message.content !== 'string') {
        logger.warn({ event: 'discord.edit.skipped', messageId: message.id, reason: 'no content' }, 'edit skipped');
        return;
      }
      // The whole edited message when discord.js has it, so a message that was benign until now is judged.
      const normalised = message.partial ? undefined : normaliseMessage(message, { viewerId: client.user?.id });
      const whole = normalised?.ok ? normalised.message : undefined;
      await service.onEdit(refOf(message), { text: message.content, editedAt: new Date(editedAt).toISOString() }, editKey(message.id, editedAt), whole);
    });
  });

  client.on('messageDelete', (message) => {
    // Discord does not say when: the time it told us is the closest record there is.
    const deletedAt = new Date().toISOString();
    run('delete', message, () => service.onDelete(refOf(message), deletedAt, deleteKey(message.id)));
  });

  client.on('messageDeleteBulk', (messages) => {
    const deletedAt = new Date().toISOString();
    for (const message of messages.values()) run('delete', message, () => service.onDelete(refOf(message), deletedAt, deleteKey(message.id)));
  });
}
