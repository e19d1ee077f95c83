// DiscordChatExporter JSON: one channel per file, messages in order. A folder or zip of several such files
// (its "export multiple channels") is merged into one chronological stream.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { openContainer } from './container.js';
import { exporterChannel, exporterItems } from './discord-exporter-message.js';
import { primedJsonArray } from './json-stream.js';
import { mergeByTime } from './merge.js';
import { tolerant } from './tolerant.js';
import { ScanInputError, type ImportSource, type ScanItem } from './types.js';

const NOT_EXPORTER = 'not a DiscordChatExporter JSON export (no "channel" before "messages"); export with the JSON format';

async function* channelItems(input: Readable, label: string, onBytes: (n: number) => void): AsyncGenerator<ScanItem> {
  const { header, elements } = await primedJsonArray(input, { label, arrayKey: 'messages', onBytes });
  const channel = exporterChannel(header);
  if (!channel) {
    await elements.return(undefined);
    throw new ScanInputError(label, 'document header', NOT_EXPORTER);
  }
  for await (const element of elements) yield* exporterItems(element.value, channel, `${label} messages[${element.index}]`);
}

export async function openDiscordExporter(file: string): Promise<ImportSource> {
  const info = await stat(file);
  const progress = { bytesRead: 0, totalBytes: 0 };
  const onBytes = (n: number): void => void (progress.bytesRead += n);
  const base = {
    format: 'discord' as const,
    platform: 'discord' as const,
    path: file,
    directory: [],
    notes: [],
    progress,
  };
  const looksLikeZip = !info.isDirectory() && file.toLowerCase().endsWith('.zip');
  if (!info.isDirectory() && !looksLikeZip) {
    progress.totalBytes = info.size;
    return {
      ...base,
      items: () => channelItems(createReadStream(file, { highWaterMark: 1 << 16 }), path.basename(file), onBytes),
      close: () => Promise.resolve(),
    };
  }
  const container = await openContainer(file);
  const files = container.entries.filter((e) => e.name.toLowerCase().endsWith('.json'));
  const others = container.entries.filter((e) => !e.name.toLowerCase().endsWith('.json'));
  if (files.length === 0) throw new ScanInputError(file, 'file list', 'holds no .json file of DiscordChatExporter');
  progress.totalBytes = files.reduce((sum, e) => sum + e.size, 0);
  async function* items(): AsyncGenerator<ScanItem> {
    // Media DiscordChatExporter saved beside the JSON ("…_Files/") is expected; anything else is named.
    for (const other of others) {
      if (!/_Files\//i.test(other.name)) yield { skip: { reason: 'unexpected file in the export', position: other.name } };
    }
    const streams = files.map((entry) => tolerant(async function* () {
      yield* channelItems(await container.open(entry.name), entry.name, onBytes);
    }));
    yield* mergeByTime(streams);
  }
  return { ...base, items, close: () => container.close() };
}
