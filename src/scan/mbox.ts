// mbox (Thunderbird's folders, Gmail Takeout's "All mail"): mails separated by `From ` lines, split while
// streaming so one mail at a time is in memory. `>From ` lines are unquoted (mboxrd). Mails are put in
// time order afterwards (Takeout writes them in no useful order) by the bounded-memory external sort.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { adoptMail, parseMail } from './email-message.js';
import { sortByTime } from './external-sort.js';
import type { ImportSource, ScanItem } from './types.js';

/** Beyond this a mail's tail (usually a large attachment) is dropped; its headers and first parts are kept. */
export const MAX_MAIL_BYTES = 32 * 1024 * 1024;

interface RawMail {
  envelope: string;
  bytes: Buffer;
  line: number;
  truncatedAt?: number;
}

const FROM_LINE = Buffer.from('From ');

async function* splitMbox(file: string, onBytes: (n: number) => void): AsyncGenerator<RawMail> {
  let parts: Buffer[] = [];
  let size = 0;
  let envelope: string | undefined;
  let startLine = 0;
  let lineNo = 0;
  let truncatedAt: number | undefined;
  let carry = Buffer.alloc(0);
  let previousBlank = true;
  const finish = (): RawMail | undefined => {
    if (envelope === undefined && size === 0) return undefined;
    const mail: RawMail = { envelope: envelope ?? '', bytes: Buffer.concat(parts), line: startLine, ...(truncatedAt ? { truncatedAt } : {}) };
    parts = [];
    size = 0;
    truncatedAt = undefined;
    return mail;
  };
  const take = (line: Buffer): RawMail | undefined => {
    lineNo++;
    const blank = line.length === 0 || (line.length <= 2 && (line[0] === 0x0a || line[0] === 0x0d));
    if (line.subarray(0, 5).equals(FROM_LINE) && (previousBlank || lineNo === 1)) {
      const done = finish();
      envelope = line.toString('latin1').trim();
      startLine = lineNo;
      previousBlank = false;
      return done;
    }
    previousBlank = blank;
    let content = line;
    if (/^>+From /.test(line.subarray(0, 64).toString('latin1'))) content = line.subarray(1);
    if (size + content.length > MAX_MAIL_BYTES) {
      truncatedAt ??= size;
      return undefined;
    }
    parts.push(content);
    size += content.length;
    return undefined;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    onBytes((chunk as Buffer).length);
    let start = 0;
    for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
      const done = take(buffer.subarray(start, nl + 1));
      if (done) yield done;
      start = nl + 1;
    }
    carry = Buffer.from(buffer.subarray(start));
    // A line this long is content (base64 without breaks, binary junk), never a separator: pass it on.
    if (carry.length > 1 << 20) {
      const done = take(carry);
      if (done) yield done;
      carry = Buffer.alloc(0);
    }
  }
  if (carry.length > 0) {
    const done = take(carry);
    if (done) yield done;
  }
  const last = finish();
  if (last) yield last;
}

export async function openMbox(file: string): Promise<ImportSource> {
  const progress = { bytesRead: 0, totalBytes: (await stat(file)).size };
  const label = path.basename(file);
  const mailbox = label.replace(/\.mbox$/i, '');
  async function* unsorted(): AsyncGenerator<ScanItem> {
    let n = 0;
    for await (const mail of splitMbox(file, (b) => (progress.bytesRead += b))) {
      n++;
      const position = `${label} mail #${n} (line ${mail.line})`;
      if (mail.envelope === '' && mail.bytes.toString('latin1').trim() === '') continue;
      yield* await parseMail(mail.bytes, { mailbox, position, ...(mail.envelope ? { envelope: mail.envelope } : {}), ...(mail.truncatedAt ? { truncatedAt: mail.truncatedAt } : {}) });
    }
  }
  return {
    format: 'mbox',
    platform: 'email',
    path: file,
    directory: [],
    notes: [],
    progress,
    adopt: adoptMail,
    items: () => sortByTime(unsorted()),
    close: () => Promise.resolve(),
  };
}
