// Slash commands, the "Document with ACTS" context menu and the verdict DM's buttons → the service.
// Every answer is ephemeral: only the person who asked sees it.
import { setTimeout as delay } from 'node:timers/promises';
import { MessageFlags, type Client, type Interaction, type RepliableInteraction } from 'discord.js';
import type { BotService, OutboundMessage } from '../../src/bot/ports.js';
import type { Logger } from '../../src/observability/logger.js';
import { callerOf } from './caller.js';
import { commandRequestOf } from './command-request.js';
import { ACTS_COMMAND, DOCUMENT_COMMAND } from './commands.js';
import { decodeCustomId } from './custom-id.js';
import { errorFields } from './log-fields.js';
import { normaliseMessage } from './normalise.js';
import { outboundPayload } from './outbound-payload.js';

export interface InteractionOptions {
  applicationId: string;
  /** Discord wants an answer within 3 s; a service slower than this gets a deferred reply, edited later. */
  deferAfterMs: number;
}

const FAILED: OutboundMessage = { text: 'ACTS could not do that just now. Please try again in a few minutes.' };

export async function handleInteraction(interaction: Interaction, service: BotService, options: InteractionOptions, logger: Logger): Promise<void> {
  // Gateway interactions are authenticated by the bot's own connection; one for another application is not ours.
  if (interaction.applicationId !== options.applicationId) {
    logger.warn({ event: 'discord.interaction.foreign', interactionId: interaction.id }, 'interaction for another application ignored');
    return;
  }
  const work = route(interaction, service);
  if (!work || !interaction.isRepliable()) {
    logger.warn({ event: 'discord.interaction.unknown', interactionId: interaction.id, type: interaction.type }, 'interaction not handled');
    return;
  }
  await answer(interaction, work, options.deferAfterMs, logger);
}

function route(interaction: Interaction, service: BotService): (() => Promise<OutboundMessage>) | undefined {
  if (interaction.isChatInputCommand() && interaction.commandName === ACTS_COMMAND) {
    const request = commandRequestOf(interaction);
    return request ? () => service.onCommand(request) : undefined;
  }
  if (interaction.isMessageContextMenuCommand() && interaction.commandName === DOCUMENT_COMMAND) {
    const requester = callerOf(interaction);
    const target = interaction.targetMessage as typeof interaction.targetMessage | null;
    if (!target) return () => Promise.resolve({ text: 'This message cannot be documented: Discord did not include it.' });
    // Resolved messages carry no guild id; the interaction knows where it happened.
    const normalised = normaliseMessage(target, { viewerId: requester.userId, guildId: interaction.guildId ?? undefined });
    if (!normalised.ok) return () => Promise.resolve({ text: `This message cannot be documented: ${normalised.reason}.` });
    return () => service.onDocumentRequest(normalised.message, requester);
  }
  if (interaction.isButton()) {
    const action = decodeCustomId(interaction.customId);
    return action ? () => service.onAction(callerOf(interaction), action.actionId, action.value) : undefined;
  }
  return undefined;
}

async function answer(interaction: RepliableInteraction, work: () => Promise<OutboundMessage>, deferAfterMs: number, logger: Logger): Promise<void> {
  const pending = work().catch((error: unknown) => {
    logger.error({ event: 'discord.interaction.service-failed', interactionId: interaction.id, error: errorFields(error) }, 'the service failed to answer');
    return FAILED;
  });
  const timer = new AbortController();
  const early = await Promise.race([pending, delay(deferAfterMs, undefined, { signal: timer.signal }).catch(() => undefined)]);
  timer.abort();
  try {
    if (early) {
      await interaction.reply({ ...(await outboundPayload(early, logger)), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(await outboundPayload(await pending, logger));
  } catch (error) {
    logger.error({ event: 'discord.interaction.reply-failed', interactionId: interaction.id, error: errorFields(error) }, 'could not answer an interaction');
  }
}

export function attachInteractions(client: Client, track: (task: () => Promise<void>) => void, service: BotService, options: InteractionOptions, logger: Logger): void {
  client.on('interactionCreate', (interaction) => track(() => handleInteraction(interaction, service, options, logger)));
}
