// The export bundle goes along as a file when Discord will take it; otherwise the message says how to get it.
import { stat } from 'node:fs/promises';
import type { OutboundMessage } from '../../src/bot/ports.js';

/** Discord's upload limit for bots in servers without boosts and in DMs. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const HOW_TO_GET_IT = "The bot's operator can produce it with `acts export`.";

export type FileOutcome =
  | { kind: 'none' }
  | { kind: 'attach'; file: { attachment: string; name: string } }
  | { kind: 'note'; note: string };

export async function prepareFile(message: OutboundMessage, maxBytes = MAX_UPLOAD_BYTES): Promise<FileOutcome> {
  if (!message.file) return { kind: 'none' };
  const size = await stat(message.file.path).then(
    (info) => (info.isFile() ? info.size : undefined),
    () => undefined,
  );
  if (size === undefined) return { kind: 'note', note: `The evidence file could not be attached. ${HOW_TO_GET_IT}` };
  if (size > maxBytes) {
    const mb = (size / (1024 * 1024)).toFixed(1);
    return { kind: 'note', note: `The evidence file (${mb} MB) is larger than Discord accepts. ${HOW_TO_GET_IT}` };
  }
  return { kind: 'attach', file: { attachment: message.file.path, name: message.file.name } };
}
