// A Slack workspace export (the zip from Workspace settings → Import/Export Data, or its folder): one
// folder per conversation, one JSON file per day. Days are read in order; within a day the channels'
// files are merged by time, so only the conversations active that day are open at once.
import { openContainer } from './container.js';
import { mergeByTime } from './merge.js';
import { readSlackDirectory, type SlackDirectory } from './slack-directory.js';
import { slackItem } from './slack-message.js';
import { streamJsonArray } from './json-stream.js';
import { tolerant } from './tolerant.js';
import { ScanInputError, type ImportSource, type ScanItem } from './types.js';

const DAY_FILE = /^(.*?)([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/;
const KNOWN_TOP_LEVEL = /^(users|channels|groups|dms|mpims|integration_logs|canvases|org_users|huddle_transcripts|lists)\.json$/;

export async function openSlack(file: string): Promise<ImportSource> {
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
  const days = new Map<string, Array<{ name: string; folder: string }>>();
  const unexpected: string[] = [];
  let totalBytes = 0;
  for (const entry of container.entries) {
    const match = DAY_FILE.exec(entry.name);
    if (match && match[1] === root) {
      const list = days.get(match[3]!) ?? [];
      list.push({ name: entry.name, folder: match[2]! });
      days.set(match[3]!, list);
      totalBytes += entry.size;
    } else if (!(entry.name.startsWith(root) && KNOWN_TOP_LEVEL.test(entry.name.slice(root.length)))) unexpected.push(entry.name);
  }
  const progress = { bytesRead: 0, totalBytes };
  const onBytes = (n: number): void => void (progress.bytesRead += n);

  async function* dayFile(name: string, folder: string): AsyncGenerator<ScanItem> {
    const conversation = directory.folders.get(folder) ?? { id: folder, name: folder, isDirect: false };
    for await (const element of streamJsonArray(await container.open(name), { label: name, onBytes, readAhead: 32 })) {
      yield slackItem(element.value, folder, conversation, directory, `${name} [${element.index}]`);
    }
  }

  async function* items(): AsyncGenerator<ScanItem> {
    for (const name of unexpected) yield { skip: { reason: 'unexpected file in the export', position: name } };
    for (const day of [...days.keys()].sort()) {
      const files = days.get(day)!;
      yield* mergeByTime(files.map((f) => tolerant(() => dayFile(f.name, f.folder), f.name)));
    }
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
