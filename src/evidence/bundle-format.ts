// The evidence bundle's files and their formats, shared by the exporter and the offline verifier.
import type { EvidenceRecord } from '../core/types.js';
import type { Checkpoint } from './merkle/checkpoint.js';

export const BUNDLE_FILES = {
  records: 'records.jsonl',
  proofs: 'proofs.jsonl',
  manifest: 'manifest.json',
  signatures: 'signatures',
  html: 'report.html',
  pdf: 'report.pdf',
} as const;

export const BUNDLE_FORMAT = 'acts-evidence-bundle/1';
export const SIGNATURES_HEADER = '# ACTS evidence signatures v1: Ed25519 over DSSE PAE(payload type, body), base64';

export interface ManifestKey {
  keyId: string;
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  fingerprint: string;
  /** For a rotated-in key: the key before it and that key's endorsement of this one. */
  previousKeyId?: string;
  endorsement?: string;
}

/** A run of consecutive chain positions in the bundle; `prevHash` is the hash of the record before `firstSeq`. */
export interface ManifestRange {
  firstSeq: number;
  lastSeq: number;
  prevHash: string;
  lastHash: string;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  tool: { name: string; version: string };
  recipient: string;
  exportedAt: string;
  selection: { from?: string; to?: string; workspaceId?: string };
  count: number;
  /** Earliest and latest event time (sent / edited / deleted) of the records. */
  firstTime?: string;
  lastTime?: string;
  /** Hash of the bundle's last record: the head of what this bundle proves. */
  head: { seq: number; hash: string } | null;
  /** The archive's chain head when the bundle was made; equals `head` for a complete, unfiltered export. */
  chainHead: { seq: number; hash: string };
  ranges: ManifestRange[];
  /** The key of the chain's first record: compare its fingerprint with the one the bot's operator publishes. */
  anchorKeyId: string;
  keys: ManifestKey[];
  /** SHA-256 (hex) and size of records.jsonl and proofs.jsonl. */
  records: { sha256: string; bytes: number };
  proofs: { sha256: string; bytes: number };
  /** The archive's log (all recipients' records) when the bundle was made; every record has a proof against it. */
  checkpoint: Checkpoint;
  /** Proofs that this checkpoint's log extends the ones earlier bundles of this recipient carried. */
  consistency: Array<{ size: number; rootHash: string; proof: string[] }>;
  verifyWith: string;
}

/** When the event a record documents happened: sent, edited or deleted; archive time for key rotations. */
export function eventTime(record: EvidenceRecord): string {
  if (record.kind === 'message') return record.message?.sentAt ?? record.archivedAt;
  return record.occurredAt ?? record.archivedAt;
}

export function recordSignatureLine(line: number, record: EvidenceRecord): string {
  return `record ${line} ${record.id} ${record.keyId} ${record.sig}`;
}

export function manifestSignatureLine(keyId: string, sig: string): string {
  return `manifest ${keyId} ${sig}`;
}
