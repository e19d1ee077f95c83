// The evidence archive the bot uses: signed, hash-chained, append-only records per recipient in a keyv store
// (SQLite by default), deduplicated by the store on (platform, message, channel, recipient).
import type { Analysis, EvidenceRecord } from '../core/types.js';
import { openStore } from '../storage/open-store.js';
import type { KeyValueStore } from '../storage/store.js';
import { sealIfEncrypted } from './archive-encryption.js';
import { logger } from '../observability/logger.js';
import { openSigningKey, publicKeys, rotateSigningKey, type StoredKey } from './archive-keys.js';
import { BatchWriter, type AppendResult } from './batch-writer.js';
import { RecordBuilder } from './record-builder.js';
import { MerkleLog } from './merkle/merkle-log.js';
import { ArchiveLog } from './merkle/archive-log.js';
import type { EvidenceArchive, ExportOptions, ExportResult, MessageRef } from './contracts.js';
import { deletionBody, editBody, messageBody, type RecordBody } from './record-body.js';
import { parseLine } from './record-codec.js';
import { PAYLOAD_TYPES } from './signing.js';
import { APPEND_ONLY_PREFIXES, followUpDiscriminator, layout, parseRecordId, recipientTag, recordId } from './store-layout.js';
import { exportBundle } from './export/export-bundle.js';
import { isTombstone, readChainLines } from './tombstone.js';
import { applyRetention, isHeld, setHold, type RetentionOptions, type RetentionReport } from './retention.js';

export interface OpenArchiveOptions {
  /** keyv store URL (ACTS_STORE_URL / sqlite:// default from config). */
  storeUrl: string;
  /** Ed25519 key file (ACTS_SIGNING_KEY_FILE); created with mode 0600 when missing. */
  keyFile: string;
  /** An already opened store (tests inject one); the archive then does not own it. */
  store?: KeyValueStore;
  /** AES-256-GCM key file (ACTS_EVIDENCE_KEY_FILE) for records at rest; created when the store is new. */
  encryptionKeyFile?: string;
  now?: () => Date;
}

const READ_PAGE = 256;

export class SignedEvidenceArchive implements EvidenceArchive {
  private constructor(
    readonly store: KeyValueStore,
    private readonly writer: BatchWriter,
    readonly log: ArchiveLog,
    private readonly keyFile: string,
    private readonly ownsStore: boolean,
  ) {}

  static async open(options: OpenArchiveOptions): Promise<SignedEvidenceArchive> {
    const opened = options.store ?? (await openStore({ url: options.storeUrl, namespace: 'evidence', appendOnlyPrefixes: APPEND_ONLY_PREFIXES }));
    let store = opened;
    try {
      store = await sealIfEncrypted(opened, options.encryptionKeyFile);
      const key = await openSigningKey(store, options.keyFile);
      for (const warning of key.warnings) logger().warn({ keyFile: options.keyFile }, warning);
      const writer = new BatchWriter(store, await MerkleLog.open(store), new RecordBuilder(key.signer, key.endorsement), options.now);
      return new SignedEvidenceArchive(store, writer, await ArchiveLog.open(store, writer), options.keyFile, !options.store);
    } catch (error) {
      if (!options.store) await opened.close();
      throw error;
    }
  }

  get keyId(): string {
    return this.writer.recordBuilder.signer.keyId;
  }

  archive(analysis: Analysis): Promise<AppendResult> {
    let body: RecordBody;
    try {
      body = messageBody(analysis);
    } catch (error) {
      return Promise.reject(error);
    }
    const m = body.message!;
    return this.writer.append(body, layout.message(m.platform, m.messageId, m.channelId, recipientTag(body.recipient)));
  }

  /** The original message records (one per recipient) that a platform's edit or deletion refers to. */
  async originals(ref: MessageRef): Promise<EvidenceRecord[]> {
    const found: EvidenceRecord[] = [];
    for await (const [key, id] of this.store.scan(layout.messagePrefix(ref.platform, ref.messageId))) {
      const channel = decodeURIComponent(key.split(':')[3] ?? '');
      if (ref.channelId !== undefined && channel !== ref.channelId) continue;
      const record = await this.record(id);
      // A record retention replaced by a tombstone has no content left to follow up on.
      if (record && record.kind !== 'tombstone') found.push(record);
    }
    return found;
  }

  private async followUps(ref: MessageRef, build: (original: EvidenceRecord) => RecordBody): Promise<string[]> {
    const originals = await this.originals(ref);
    const bodies = originals.map(build);
    const results = await Promise.all(bodies.map((body) => this.writer.append(body, layout.followUp(body.refersTo!, followUpDiscriminator(body)))));
    return results.map((r) => r.id);
  }

  recordEdit(ref: MessageRef, edit: { text: string; editedAt: string }): Promise<string[]> {
    return this.followUps(ref, (original) => editBody(original, edit));
  }

  recordDeletion(ref: MessageRef, deletedAt: string): Promise<string[]> {
    return this.followUps(ref, (original) => deletionBody(original, deletedAt));
  }

  async record(id: string): Promise<EvidenceRecord | undefined> {
    const where = parseRecordId(id);
    if (!where) return undefined;
    const [line] = await readChainLines(this.store, where.tag, [where.seq]);
    return line === undefined ? undefined : parseLine(line);
  }

  /** The recipient's record lines (canonical JSON, as signed) in chain order, up to `toSeq` (default: the head). */
  async *lines(recipientKey: string, toSeq?: number): AsyncIterable<string> {
    const tag = recipientTag(recipientKey);
    const last = toSeq ?? (await this.writer.head(recipientKey)).seq;
    for (let seq = 0; seq <= last; seq += READ_PAGE) {
      const count = Math.min(READ_PAGE, last - seq + 1);
      const seqs = Array.from({ length: count }, (_, i) => seq + i);
      let lines = await readChainLines(this.store, tag, seqs);
      // Retention in another process may have replaced a record between the reads of records and of
      // tombstones; its tombstone was committed before the record went, so a second look finds it.
      if (lines.includes(undefined)) lines = await readChainLines(this.store, tag, seqs);
      const missing = lines.indexOf(undefined);
      if (missing !== -1) throw new Error(`record ${tag}-${seq + missing} is missing from the store`);
      yield* lines as string[];
    }
  }

  async head(recipientKey: string): Promise<{ seq: number; hash: string }> {
    const head = await this.writer.head(recipientKey);
    return { seq: head.seq, hash: head.hash };
  }

  /**
   * The key in force when the recipient's chain began: the anchor a verifier trusts by its fingerprint. A
   * tombstone is signed by the key in force when retention ran, not by the key of the record it replaced, so
   * the first record that is not one decides. Key rotations never expire, so if the key changed since the
   * chain began, that first record is the hand-over, which names the key before it.
   */
  async firstKeyId(recipientKey: string): Promise<string | undefined> {
    const first = await this.record(recordId(recipientTag(recipientKey), 0));
    if (!first || !isTombstone(first)) return first?.keyId;
    for await (const record of this.records(recipientKey)) {
      if (isTombstone(record)) continue;
      return record.kind === 'key-rotation' && record.key ? record.key.previousKeyId : record.keyId;
    }
    return first.keyId;
  }

  async *records(recipientKey: string): AsyncIterable<EvidenceRecord> {
    for await (const line of this.lines(recipientKey)) yield parseLine(line);
  }

  async recipients(): Promise<string[]> {
    const found: string[] = [];
    for await (const [, recipient] of this.store.scan(layout.recipientPrefix)) found.push(recipient);
    return found;
  }

  /** Replaces records archived before the cutoff by signed tombstones, except under a legal hold. */
  applyRetention(options: RetentionOptions): Promise<RetentionReport> {
    return applyRetention(this, this.writer, options);
  }

  /** Puts a legal hold on (or lifts it from) a recipient's archive, as a signed record in their chain. */
  setHold(recipientKey: string, on: boolean, reason?: string): Promise<string> {
    return setHold(this.writer, recipientKey, on, reason);
  }

  async isHeld(recipientKey: string): Promise<boolean> {
    await this.writer.head(recipientKey);
    return isHeld(this.store, recipientKey);
  }

  publicKeys(): Promise<Map<string, StoredKey>> {
    return publicKeys(this.store);
  }

  /** Signs with a new key from now on; old records stay verifiable (each chain records the hand-over). */
  rotateKey(): Promise<{ previousKeyId: string; keyId: string; chains: number }> {
    return rotateSigningKey(this.store, this.writer, this.keyFile);
  }

  signManifest(bytes: Buffer): { keyId: string; sig: string } {
    return { keyId: this.writer.recordBuilder.signer.keyId, sig: this.writer.recordBuilder.signer.sign(PAYLOAD_TYPES.manifest, bytes) };
  }

  exportBundle(options: ExportOptions): Promise<ExportResult> {
    return exportBundle(this, options);
  }

  async flush(): Promise<void> {
    await this.writer.flush();
  }

  async close(): Promise<void> {
    await this.writer.flush();
    if (this.ownsStore) await this.store.close();
  }
}

export async function openEvidenceArchive(options: OpenArchiveOptions): Promise<SignedEvidenceArchive> {
  return SignedEvidenceArchive.open(options);
}
