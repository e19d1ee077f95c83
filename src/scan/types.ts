// What every history importer produces: a stream of normalised messages, counted skips, and people
// the export names (for finding the recipient by display name). Importers never hold a whole file.
import type { Message, Platform } from '../core/types.js';

export const SCAN_FORMATS = ['telegram', 'discord', 'discord-package', 'slack', 'mbox', 'eml'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** Why a record of the export did not become a message, and where it was. */
export interface Skip {
  reason: string;
  /** Human-readable place in the source, e.g. `result.json messages[41]` or `general/2023-01-02.json [3]`. */
  position: string;
}

export type ScanItem =
  | { message: Message }
  | { skip: Skip }
  /** Someone the export names without a message of theirs here (a DM partner, a mentioned user, a mail's addressee). */
  | { person: { id: string; displayName: string } };

/** Bytes of the source consumed so far, for the progress bar. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
}

/** One opened export, ready to be read once, in chronological order. */
export interface ImportSource {
  format: ScanFormat;
  platform: Platform;
  /** The file or folder the user named. */
  path: string;
  /** People the export's headers name (Slack users.json, a Telegram chat's peer, a Discord package's owner). */
  directory: ReadonlyArray<{ id: string; displayName: string }>;
  /** Workspace / team id, where the export states one (a Slack team, a Discord guild). */
  workspaceId?: string;
  /** Things the person scanning should know about this kind of export (shown with the summary). */
  notes: string[];
  progress: ReadProgress;
  /** Folder that attachment names are relative to, when the export holds the files (Telegram's photos/). */
  attachmentRoot?: string;
  /**
   * Adjusts a message once the scan knows whose history it is (called before anything else sees it), so ids
   * match what the live adapter would have recorded.
   */
  adopt?(message: Message, recipientId: string): void;
  /** Streams the items in chronological order; call once. */
  items(): AsyncGenerator<ScanItem>;
  close(): Promise<void>;
}

/**
 * The export cannot be read any further (malformed, truncated, not what it claims to be). Always says which
 * file and where, and how much had been read, so a scan never stops half-way without saying where.
 */
export class ScanInputError extends Error {
  constructor(
    readonly file: string,
    readonly position: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem} (at ${position})`);
    this.name = 'ScanInputError';
  }
}

export function isMessageItem(item: ScanItem): item is { message: Message } {
  return 'message' in item;
}
