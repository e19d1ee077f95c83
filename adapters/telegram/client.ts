// The PlatformClient for Telegram: DMs and log-channel posts as HTML messages with an inline keyboard,
// evidence bundles as documents. A person can be written to once they have started the bot.
import type { Telegram } from 'telegraf';
import { DeliveryError, type OutboundMessage, type PlatformClient } from '../../src/bot/ports.js';
import { toDeliveryError } from './errors.js';
import { render } from './render.js';

export class TelegramClient implements PlatformClient {
  readonly platform = 'telegram' as const;

  constructor(private readonly telegram: Telegram) {}

  sendDirect(userId: string, message: OutboundMessage): Promise<void> {
    return this.send(userId, message);
  }

  postToChannel(channelId: string, message: OutboundMessage): Promise<void> {
    return this.send(channelId, message);
  }

  private async send(chatId: string, message: OutboundMessage): Promise<void> {
    if (!/^(-?\d{1,20}|@[A-Za-z0-9_]{4,64})$/u.test(chatId)) throw new DeliveryError({ kind: 'unreachable', detail: 'not a Telegram chat id' });
    const { text, keyboard } = render(message);
    try {
      await this.telegram.sendMessage(chatId, text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
      });
      const files = message.files && message.files.length > 0 ? message.files : message.file ? [message.file] : [];
      for (const file of files) await this.telegram.sendDocument(chatId, { source: file.path, filename: file.name });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
