// A Slack workspace export (the zip from Workspace settings → Import/Export Data, or its folder): one
// folder per conversation, one JSON file per day. Days are read in order, and each day's conversations are
// put in time order together (see oneDay), so memory follows the busiest day, not the export.
import type { Message } from '../core/types.js';
import { openContainer } from './container.js';
import { mergeByTime } from './merge.js';
import { readSlackDirectory, type SlackDirectory } from './slack-directory.js';
import { slackItem } from './slack-message.js';
import { streamJsonArray } from './json-stream.js';
import { tolerant } from './tolerant.js';
import { ScanInputError, type ImportSource, type ScanItem } from './types.js';

const DAY_FILE = /^(.*?)([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/;
/** Days whose files hold more than this are merged stream by stream rather than read whole and sorted. */
export const DAY_IN_MEMORY_BYTES = 4 * 1024 * 1024;
const MERGE_SLICE = 4 * 1024;
const KNOWN_TOP_LEVEL = /^(users|channels|groups|dms|mpims|integration_logs|canvases|org_users|huddle_transcripts|lists)\.json$/;

export async function openSlack(file: string, options: { dayInMemoryBytes?: number } = {}): Promise<ImportSource> {
  const dayInMemory = options.dayInMemoryBytes ?? DAY_IN_MEMORY_BYTES;
  const container = await openContainer(file);
  const users = container.entries.find((e) => /(^|\/)users\.json$/.test(e.name));
  if (!users) {
    await container.close();
    throw new ScanInputError(file, 'file list', 'holds no users.json: not a Slack workspace export');
  }
  const root = users.name.slice(0, -'users.json'.length);
  let directory: SlackDirectory;
  try {
    directory = await readSlackDirectory(container, root);
  } catch (error) {
    await container.close();
    throw error;
  }
  const days = new Map<string, Array<{ name: string; folder: string; size: number }>>();
  const unexpected: string[] = [];
  let totalBytes = 0;
  for (const entry of container.entries) {
    const match = DAY_FILE.exec(entry.name);
    if (match && match[1] === root) {
      const list = days.get(match[3]!) ?? [];
      list.push({ name: entry.name, folder: match[2]!, size: entry.size });
      days.set(match[3]!, list);
      totalBytes += entry.size;
    } else if (!(entry.name.startsWith(root) && KNOWN_TOP_LEVEL.test(entry.name.slice(root.length)))) unexpected.push(entry.name);
  }
  const progress = { bytesRead: 0, totalBytes };
  const onBytes = (n: number): void => void (progress.bytesRead += n);

  async function* dayFile(name: string, folder: string, merging: boolean): AsyncGenerator<ScanItem> {
    const conversation = directory.folders.get(folder) ?? { id: folder, name: folder, isDirect: false };
    const options = merging ? { readAhead: 8, sliceBytes: MERGE_SLICE } : {};
    for await (const element of streamJsonArray(await container.open(name, merging ? MERGE_SLICE : undefined), { label: name, onBytes, ...options })) {
      yield slackItem(element.value, folder, conversation, directory, `${name} [${element.index}]`);
    }
  }

  // A day of a whole workspace is small (a 1 GB export spans years): read its channels one after another
  // and sort, which needs one file open at a time. A day too big for that is merged file by file instead.
  async function* oneDay(files: ReadonlyArray<{ name: string; folder: string; size: number }>): AsyncGenerator<ScanItem> {
    if (files.reduce((sum, f) => sum + f.size, 0) > dayInMemory) {
      yield* mergeByTime(files.map((f) => tolerant(() => dayFile(f.name, f.folder, true))));
      return;
    }
    const messages: Message[] = [];
    for (const f of files) {
      for await (const item of tolerant(() => dayFile(f.name, f.folder, false))) {
        if ('message' in item) messages.push(item.message);
        else yield item;
      }
    }
    messages.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
    for (const message of messages) yield { message };
  }

  async function* items(): AsyncGenerator<ScanItem> {
    for (const name of unexpected) yield { skip: { reason: 'unexpected file in the export', position: name } };
    for (const day of [...days.keys()].sort()) yield* oneDay(days.get(day)!);
  }

  return {
    format: 'slack',
    platform: 'slack',
    path: file,
    directory: [...directory.users.values()].map((u) => ({ id: u.id, displayName: u.name })),
    ...(directory.teamId ? { workspaceId: directory.teamId } : {}),
    notes: [],
    progress,
    items,
    close: () => container.close(),
  };
}
