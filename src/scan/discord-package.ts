// Discord's own data package (a zip, or the folder it unzips to): account/user.json names the owner,
// messages/index.json names the channels, messages/c<id>/channel.json + messages.json (or the older
// messages.csv) hold the messages. The package holds ONLY the owner's own messages, newest first in older
// packages, so it is put in time order with a bounded-memory external sort.
import type { Readable } from 'node:stream';
import type { Person } from '../core/types.js';
import { openContainer, type Container } from './container.js';
import { readCsv } from './csv.js';
import { packageChannel, packageItem, type PackageChannel, type PackageRow } from './discord-package-message.js';
import { snowflakeTime } from './discord-ids.js';
import { nonEmpty, record, text, type Json } from './fields.js';
import { streamJsonArray } from './json-stream.js';
import { sortByTime } from './external-sort.js';
import { tolerant } from './tolerant.js';
import { ScanInputError, type ImportSource, type ScanItem } from './types.js';

const MESSAGES = /^(.*?)messages\/c?(\d+)\/messages\.(json|csv)$/;
const SMALL_JSON_LIMIT = 64 * 1024 * 1024;

async function readSmallJson(container: Container, name: string): Promise<Json | undefined> {
  const entry = container.entries.find((e) => e.name === name);
  if (!entry) return undefined;
  if (entry.size > SMALL_JSON_LIMIT) throw new ScanInputError(container.path, name, 'unexpectedly large for this file');
  const chunks: Buffer[] = [];
  for await (const chunk of await container.open(name)) chunks.push(chunk as Buffer);
  try {
    return record(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch (error) {
    throw new ScanInputError(container.path, name, `not valid JSON: ${(error as Error).message}`);
  }
}

async function* rows(input: Readable, label: string, csv: boolean, onBytes: (n: number) => void): AsyncGenerator<{ row: PackageRow; position: string }> {
  if (!csv) {
    for await (const element of streamJsonArray(input, { label, onBytes })) {
      const r = record(element.value);
      yield { row: { id: r?.ID, timestamp: r?.Timestamp, contents: r?.Contents, attachments: r?.Attachments }, position: `${label} [${element.index}]` };
    }
    return;
  }
  let columns: string[] | undefined;
  for await (const { fields, line } of readCsv(input, label, onBytes)) {
    if (!columns) {
      columns = fields.map((f) => f.trim().toLowerCase());
      continue;
    }
    const get = (name: string): string | undefined => fields[columns!.indexOf(name)];
    yield { row: { id: get('id'), timestamp: get('timestamp'), contents: get('contents'), attachments: get('attachments') }, position: `${label} line ${line}` };
  }
}

export async function openDiscordPackage(file: string): Promise<ImportSource> {
  const container = await openContainer(file);
  const found = container.entries.map((e) => ({ entry: e, match: MESSAGES.exec(e.name) })).filter((x) => x.match);
  if (found.length === 0) {
    await container.close();
    throw new ScanInputError(file, 'file list', 'holds no messages/c<channel>/messages.json or .csv: not a Discord data package');
  }
  const root = found[0]!.match![1]!;
  const user = await readSmallJson(container, `${root}account/user.json`);
  const index = (await readSmallJson(container, `${root}messages/index.json`)) ?? {};
  const ownerId = nonEmpty(user?.id) ?? 'package-owner';
  const ownerName = nonEmpty(user?.global_name) ?? nonEmpty(user?.username) ?? 'the package owner';
  const createdAt = snowflakeTime(ownerId);
  const owner: Person = { id: ownerId, displayName: ownerName, ...(createdAt ? { createdAt } : {}) };
  const progress = { bytesRead: 0, totalBytes: found.reduce((sum, x) => sum + x.entry.size, 0) };
  const onBytes = (n: number): void => void (progress.bytesRead += n);
  const known = new Set(found.map((x) => x.entry.name));

  async function* channelItems(name: string, channelId: string, csv: boolean): AsyncGenerator<ScanItem> {
    const channelJson = await readSmallJson(container, `${root}messages/c${channelId}/channel.json`).catch(() => undefined);
    const channel: PackageChannel = packageChannel(channelId, channelJson, text(index[channelId]), ownerId);
    if (channel.partnerId) yield { person: { id: channel.partnerId, displayName: channel.name ?? channel.partnerId } };
    for await (const { row, position } of rows(await container.open(name), name, csv, onBytes)) yield packageItem(row, channel, owner, position);
  }

  async function* items(): AsyncGenerator<ScanItem> {
    for (const entry of container.entries) {
      const inMessages = entry.name.startsWith(`${root}messages/`);
      const expected = known.has(entry.name) || /\/(channel|index)\.json$/.test(entry.name);
      if (inMessages && !expected) yield { skip: { reason: 'unexpected file in the export', position: entry.name } };
    }
    async function* all(): AsyncGenerator<ScanItem> {
      for (const { entry, match } of found) {
        yield* tolerant(() => channelItems(entry.name, match![2]!, match![3] === 'csv'));
      }
    }
    yield* sortByTime(all());
  }

  return {
    format: 'discord-package',
    platform: 'discord',
    path: file,
    directory: [{ id: owner.id, displayName: owner.displayName }],
    notes: [
      `A Discord data package holds only the messages its owner (${ownerName}, ${ownerId}) wrote — none that others sent. ` +
        'It documents what the owner said and to whom (DMs, mentions); scanned for the owner it finds nothing aimed at them. ' +
        'To document what someone sent you, export that conversation with DiscordChatExporter and scan that.',
    ],
    progress,
    items,
    close: () => container.close(),
  };
}
