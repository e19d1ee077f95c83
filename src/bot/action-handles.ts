// A button's `value` is a random handle, not the evidence id: it fits Telegram's 64-byte callback data,
// reveals nothing, and cannot be guessed. What it stands for is kept here, with the recipient it belongs to,
// and every use checks that the person pressing is that recipient.
import { randomBytes } from 'node:crypto';
import type { KeyValueStore, StoreEntry } from './store.js';

export interface ActionSubject {
  recipientKey: string;
  evidenceId: string;
  senderKey: string;
  /** allowTextHash of the message, for "Not harassment"; never the text itself. */
  textHash: string;
  dictionaryIds: string[];
  createdAt: string;
  confirmedAt?: string;
  allowedAt?: string;
}

const HANDLE_TTL_MS = 400 * 24 * 60 * 60 * 1000;
const HANDLE_PATTERN = /^[A-Za-z0-9_-]{16}$/u;

export class ActionHandles {
  constructor(private readonly store: KeyValueStore) {}

  /**
   * A new handle and the entry that stores it, for a caller that writes it together with something else
   * (the verdict notice: one commit for both). The write must be an insert-if-absent; should it find the
   * handle taken (2^-96), the caller fails and is retried.
   */
  prepare(subject: ActionSubject): { handle: string; entry: StoreEntry } {
    const handle = randomBytes(12).toString('base64url');
    return { handle, entry: { key: `act:${handle}`, value: subject, ttlMs: HANDLE_TTL_MS } };
  }

  async create(subject: ActionSubject): Promise<string> {
    for (;;) {
      const handle = randomBytes(12).toString('base64url');
      if (await this.store.add(`act:${handle}`, subject, HANDLE_TTL_MS)) return handle;
    }
  }

  /** The subject, only when the handle exists AND belongs to `recipientKey`; a forged or foreign handle gives undefined. */
  async resolve(handle: string, recipientKey: string): Promise<ActionSubject | undefined> {
    if (!HANDLE_PATTERN.test(handle)) return undefined;
    const subject = await this.store.get<ActionSubject>(`act:${handle}`);
    return subject?.recipientKey === recipientKey ? subject : undefined;
  }

  async update(handle: string, subject: ActionSubject): Promise<void> {
    await this.store.set(`act:${handle}`, subject, HANDLE_TTL_MS);
  }
}
