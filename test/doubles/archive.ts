// In-memory EvidenceArchive: idempotent per (platform, channel, message, recipient) like the real one,
// edits and deletions appended as their own records, export written as one JSONL file.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Analysis, EvidenceRecord } from '../../src/core/types.js';
import type { EvidenceArchive, ExportOptions, ExportResult, MessageRef } from '../../src/evidence/contracts.js';

export class MemoryArchive implements EvidenceArchive {
  readonly byRecipient = new Map<string, EvidenceRecord[]>();
  private readonly index = new Map<string, string>();
  private next = 1;
  /** Further files an export writes beside evidence.jsonl, like the real bundle's manifest and report. */
  extraBundleFiles: string[] = [];
  /** Set to make the next archive() call fail, as a full or locked database would. */
  failNext = 0;

  async archive(analysis: Analysis): Promise<{ id: string; duplicate: boolean }> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    }
    const m = analysis.message;
    const dedup = `${m.platform}|${m.channelId}|${m.messageId}|${analysis.recipient.key}`;
    const existing = this.index.get(dedup);
    if (existing) return { id: existing, duplicate: true };
    const record = this.append(analysis.recipient.key, { kind: 'message', message: m, verdict: analysis.verdict });
    this.index.set(dedup, record.id);
    return { id: record.id, duplicate: false };
  }

  async recordEdit(ref: MessageRef, edit: { text: string; editedAt: string }): Promise<string[]> {
    return this.follow(ref, (original) => ({ kind: 'edit', refersTo: original.id, message: { ...original.message!, text: edit.text, editedAt: edit.editedAt } }));
  }

  async recordDeletion(ref: MessageRef, _deletedAt: string): Promise<string[]> {
    return this.follow(ref, (original) => ({ kind: 'deletion', refersTo: original.id }));
  }

  async *records(recipientKey: string): AsyncIterable<EvidenceRecord> {
    yield* this.byRecipient.get(recipientKey) ?? [];
  }

  all(): EvidenceRecord[] {
    return [...this.byRecipient.values()].flat();
  }

  async exportBundle(options: ExportOptions): Promise<ExportResult> {
    const records = this.byRecipient.get(options.recipientKey) ?? [];
    if (records.length === 0) return { outDir: options.outDir, count: 0, files: [] };
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, 'evidence.jsonl');
    await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n'));
    for (const extra of this.extraBundleFiles) await writeFile(path.join(options.outDir, extra), extra);
    return { outDir: options.outDir, count: records.length, files: ['evidence.jsonl', ...this.extraBundleFiles] };
  }

  async close(): Promise<void> {}

  private follow(ref: MessageRef, make: (original: EvidenceRecord) => Partial<EvidenceRecord>): string[] {
    const ids: string[] = [];
    for (const [key, records] of this.byRecipient) {
      const original = records.find(
        (r) => r.kind === 'message' && r.message?.platform === ref.platform && r.message.messageId === ref.messageId && (!ref.channelId || r.message.channelId === ref.channelId),
      );
      if (original) ids.push(this.append(key, make(original)).id);
    }
    return ids;
  }

  private append(recipient: string, fields: Partial<EvidenceRecord>): EvidenceRecord {
    const records = this.byRecipient.get(recipient) ?? [];
    const record: EvidenceRecord = {
      v: 1,
      id: `ev-${this.next++}`,
      kind: 'message',
      recipient,
      seq: records.length,
      prev: '0'.repeat(64),
      archivedAt: new Date(0).toISOString(),
      keyId: 'test',
      sig: 'test',
      ...fields,
    };
    records.push(record);
    this.byRecipient.set(recipient, records);
    return record;
  }
}
