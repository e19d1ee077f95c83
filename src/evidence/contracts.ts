// What the rest of the bot can ask of the evidence archive. The implementation (keyv/SQLite, hash chain,
// Ed25519) lives beside this file.
import type { EvidenceRecord, EvidenceSink, Platform } from '../core/types.js';

/** Identifies an archived message across recipients, for edits and deletions the platform reports later. */
export interface MessageRef {
  platform: Platform;
  messageId: string;
  channelId?: string;
}

export interface ExportOptions {
  recipientKey: string;
  /** Event time window (sent / edited / deleted), inclusive. */
  from?: Date;
  to?: Date;
  outDir: string;
  /** Only messages of this workspace (a moderator's export of their community's part of the archive). */
  workspaceId?: string;
  /** false = do not render report.pdf (benchmarks, previews). Default true. */
  pdf?: boolean;
  /** IANA time zone the report shows times in; default the machine's. UTC is always shown beside it. */
  timeZone?: string;
}

export interface ExportResult {
  outDir: string;
  count: number;
  files: string[];
  /** Set when report.pdf could not be rendered (no Chromium); the rest of the bundle is complete. */
  pdfSkipped?: string;
}

export interface EvidenceArchive extends EvidenceSink {
  /** Records an edit of an archived message for every recipient whose archive holds it; returns the new record ids. */
  recordEdit(ref: MessageRef, edit: { text: string; editedAt: string }): Promise<string[]>;
  /** Records that the sender deleted an archived message; the original record stays. */
  recordDeletion(ref: MessageRef, deletedAt: string): Promise<string[]>;
  /** The recipient's records in chain order. */
  records(recipientKey: string): AsyncIterable<EvidenceRecord>;
  exportBundle(options: ExportOptions): Promise<ExportResult>;
  close(): Promise<void>;
}
