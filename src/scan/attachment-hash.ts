// Exports that hold the attached files themselves (Telegram Desktop's photos/ and files/) let the evidence
// carry the SHA-256 of the bytes, as the live adapters do when they can fetch them. Only files inside the
// export's folder are read, whatever path a record names.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Message } from '../core/types.js';

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export async function hashLocalAttachments(message: Message, root: string): Promise<void> {
  const base = path.resolve(root);
  for (const attachment of message.attachments) {
    if (attachment.sha256 || attachment.url || /\(not included/.test(attachment.name)) continue;
    const file = path.resolve(base, attachment.name);
    if (!file.startsWith(base + path.sep)) continue;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    attachment.sha256 = await sha256(file);
    attachment.size ??= info.size;
  }
}
