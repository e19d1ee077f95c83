// A single saved email (.eml, RFC 5322). Read up to MAX_MAIL_BYTES; a larger mail keeps its headers and
// first parts and says where it was cut.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { adoptMail, parseMail } from './email-message.js';
import { MAX_MAIL_BYTES } from './mbox.js';
import type { ImportSource, ScanItem } from './types.js';

export async function openEml(file: string): Promise<ImportSource> {
  const size = (await stat(file)).size;
  const progress = { bytesRead: 0, totalBytes: size };
  const label = path.basename(file);
  async function* items(): AsyncGenerator<ScanItem> {
    const chunks: Buffer[] = [];
    for await (const chunk of createReadStream(file, { end: MAX_MAIL_BYTES - 1 })) {
      chunks.push(chunk as Buffer);
      progress.bytesRead += (chunk as Buffer).length;
    }
    const context = { mailbox: label.replace(/\.eml$/i, ''), position: label, ...(size > MAX_MAIL_BYTES ? { truncatedAt: MAX_MAIL_BYTES } : {}) };
    yield* await parseMail(Buffer.concat(chunks), context);
  }
  return { format: 'eml', platform: 'email', path: file, directory: [], notes: [], progress, adopt: adoptMail, items, close: () => Promise.resolve() };
}
