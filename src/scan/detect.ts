// `--format auto`: tells the export formats apart by what the file is (folder, zip, text) and a look at
// its first 64 KB or its file list, never by reading it whole.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { isZipMagic, openContainer } from './container.js';
import { ScanInputError, type ScanFormat } from './types.js';

const HEAD_BYTES = 64 * 1024;
const SUPPORTED = 'a Telegram result.json, a DiscordChatExporter .json, a Discord data package, a Slack export, an .mbox or an .eml';

async function head(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Which export a list of paths (a zip's or a folder's) is. */
export function formatFromNames(names: readonly string[]): ScanFormat | undefined {
  if (names.some((n) => /(^|\/)users\.json$/.test(n)) && names.some((n) => /(^|\/)(channels|dms|groups)\.json$/.test(n))) return 'slack';
  if (names.some((n) => /(^|\/)messages\/c?\d+\/messages\.(json|csv)$/.test(n))) return 'discord-package';
  if (names.includes('result.json')) return 'telegram';
  const json = names.filter((n) => n.toLowerCase().endsWith('.json'));
  if (json.length > 0 && json.every((n) => !n.includes('/') || /_Files\//i.test(n))) return 'discord';
  return undefined;
}

const looksBinary = (text: string): boolean => {
  let odd = 0;
  for (let i = 0; i < Math.min(text.length, 4096); i++) {
    const c = text.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) odd++;
  }
  return odd > 8;
};

const EMAIL_HEADERS = /^(from|to|subject|date|received|return-path|message-id|mime-version|delivered-to|content-type|reply-to|cc|x-[a-z-]+):/gim;

/** Which export a single (non-zip) file is, from its name and first bytes. */
export function formatFromHead(name: string, bytes: Buffer): ScanFormat | { problem: string } {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart();
  const lower = name.toLowerCase();
  if (start.startsWith('{')) {
    if (/"(guild|channel)"\s*:\s*\{/.test(start) && /"channel"\s*:/.test(start)) return 'discord';
    if (/"(personal_information|chats)"\s*:/.test(start)) return 'telegram';
    if (/"type"\s*:\s*"(personal_chat|bot_chat|saved_messages|private_group|private_supergroup|public_supergroup|private_channel|public_channel)"/.test(start)) return 'telegram';
    if (/"from_id"\s*:\s*"(user|channel)\d+"/.test(start) || /"date_unixtime"\s*:/.test(start)) return 'telegram';
    return { problem: 'a JSON object that is neither a Telegram chat export nor a DiscordChatExporter export' };
  }
  if (start.startsWith('[')) {
    if (/"ID"\s*:/.test(start) && /"Timestamp"\s*:/.test(start)) return { problem: 'one channel of a Discord data package: scan the whole package (its zip or folder)' };
    if (/"ts"\s*:\s*"\d+\.\d+"/.test(start)) return { problem: 'one day of one Slack channel: scan the whole workspace export (its zip or folder)' };
    return { problem: 'a JSON array that is not an export this tool reads' };
  }
  if (/^ID,Timestamp,Contents/i.test(start)) return { problem: 'one channel of a Discord data package: scan the whole package (its zip or folder)' };
  if (/^From \S+/.test(text)) return 'mbox';
  if (looksBinary(text)) return { problem: 'binary data, not a chat export or mailbox' };
  const headerBlock = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  if (/^[!-9;-~]+:/.test(text) && (headerBlock.match(EMAIL_HEADERS)?.length ?? 0) >= 2) return lower.endsWith('.mbox') ? 'mbox' : 'eml';
  if (lower.endsWith('.mbox')) return 'mbox';
  return { problem: 'not a format this tool recognises' };
}

export async function detectFormat(file: string): Promise<ScanFormat> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new ScanInputError(file, 'opening it', error.code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${error.code ?? error.message})`);
  });
  const unknown = (problem: string): ScanInputError =>
    new ScanInputError(file, info.isDirectory() ? 'its file list' : 'its first bytes', `unknown format: ${problem}. Expected ${SUPPORTED}; or name the format with --format`);
  const zip = !info.isDirectory() && isZipMagic(await head(file));
  if (info.isDirectory() || zip) {
    const container = await openContainer(file);
    const names = container.entries.map((e) => e.name);
    await container.close();
    const format = formatFromNames(names);
    if (format === 'telegram' && zip) throw unknown('a zip of a Telegram export: unzip it and scan its result.json');
    if (format) return format;
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
    throw unknown(`a ${info.isDirectory() ? 'folder' : 'zip'} holding neither a Slack export nor a Discord data package nor DiscordChatExporter files (${names.length} files: ${shown || 'none'})`);
  }
  if (info.size === 0) throw unknown('the file is empty');
  const format = formatFromHead(path.basename(file), await head(file));
  if (typeof format === 'string') return format;
  throw unknown(format.problem);
}
