// Everything the bot sends (DMs, log-channel posts, interaction replies) is built here.
import type { Logger } from '../../src/observability/logger.js';
import type { OutboundMessage } from '../../src/bot/ports.js';
import { prepareFile } from './attach-file.js';
import { renderOutbound, type RenderedMessage } from './render.js';

export type OutboundPayload = RenderedMessage & { files?: Array<{ attachment: string; name: string }> };

export async function outboundPayload(message: OutboundMessage, logger: Logger): Promise<OutboundPayload> {
  const { payload, dropped } = renderOutbound(message);
  if (dropped.length > 0) logger.warn({ event: 'discord.render.dropped', dropped }, 'parts of a message could not be shown on Discord');
  const file = await prepareFile(message);
  if (file.kind === 'attach') return { ...payload, files: [file.file] };
  if (file.kind === 'note') {
    logger.warn({ event: 'discord.file.not-attached' }, 'evidence file not attached');
    const content = `${payload.content}\n\n${file.note}`;
    return { ...payload, content: content.length <= 2000 ? content : file.note };
  }
  return payload;
}
