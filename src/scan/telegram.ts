// Telegram Desktop's "Export chat history" (JSON): one chat's `result.json`, messages already in order.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { primedJsonArray, type JsonElement } from './json-stream.js';
import { adoptPersonalChat, telegramChat, telegramItem } from './telegram-message.js';
import type { ImportSource, ScanItem } from './types.js';

const FULL_EXPORT = 'this is a full-account export ("Export Telegram data"); export the one conversation instead (open the chat → ⋮ → Export chat history → JSON)';

export async function openTelegram(file: string): Promise<ImportSource> {
  const totalBytes = (await stat(file)).size;
  const progress = { bytesRead: 0, totalBytes };
  const label = path.basename(file);
  // Telegram writes the chat's name, type and id before its messages, so they are known from the first message on.
  const { header, elements } = await primedJsonArray(createReadStream(file, { highWaterMark: 1 << 16 }), {
    label,
    arrayKey: 'messages',
    refuseKey: (key) => (key === 'chats' || key === 'personal_information' ? FULL_EXPORT : undefined),
    onBytes: (n) => (progress.bytesRead += n),
  });
  const chat = telegramChat(header);
  const directory = chat.type === 'personal_chat' && chat.name ? [{ id: chat.rawId, displayName: chat.name }] : [];

  async function* items(): AsyncGenerator<ScanItem> {
    const convert = (element: JsonElement): ScanItem => telegramItem(element.value, chat, `${label} messages[${element.index}]`);
    for await (const element of elements) yield convert(element);
  }

  return {
    format: 'telegram',
    platform: 'telegram',
    path: file,
    directory,
    notes: [],
    progress,
    attachmentRoot: path.dirname(file),
    adopt: adoptPersonalChat,
    items,
    close: async () => {
      await elements.return(undefined);
    },
  };
}
