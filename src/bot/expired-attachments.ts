// A queued notice can wait (platform down, rate limits, an adapter not started) longer than the server keeps
// the files of an exported bundle (see export-sweep.ts). When a file it attaches is gone by the time it
// goes, the person gets a note saying so and how to get a fresh bundle, instead of a failed upload retried
// until the notice is dropped without a word.
import { access } from 'node:fs/promises';
import type { Platform } from '../core/types.js';
import { cmd } from './commands/syntax.js';
import type { OutboundMessage } from './ports.js';

export function expiredExportNotice(platform: Platform): OutboundMessage {
  return {
    text: 'Your evidence bundle expired on the server before it could be sent, so it is not attached.',
    fields: [
      {
        label: 'Your evidence',
        value: `Nothing of it is lost: the signed evidence is kept. Press Export evidence on a notice, or send ${cmd(platform, 'export')}, for a new bundle.`,
      },
    ],
  };
}

/** How many of the message's attachments are no longer on disk (0 for a message without any). */
export async function missingAttachments(message: OutboundMessage): Promise<number> {
  const paths = new Set([...(message.file ? [message.file.path] : []), ...(message.files ?? []).map((f) => f.path)]);
  let missing = 0;
  for (const file of paths) {
    await access(file).catch(() => (missing += 1));
  }
  return missing;
}
