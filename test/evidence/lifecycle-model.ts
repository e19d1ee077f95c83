// The model the lifecycle test checks the archive against: per recipient, which records the chain holds (by
// position), which of them retention turned into tombstones, the hold state and the key each record was
// signed by; and which records an export with a given selection must hold. Deliberately naive: plain arrays,
// no store, no hashing.
export type ModelKind = 'message' | 'edit' | 'deletion' | 'key-rotation' | 'legal-hold' | 'retention-deletion';

export interface ModelRecord {
  seq: number;
  kind: ModelKind;
  /** ms since epoch */
  archivedAt: number;
  /** sent / edited / deleted / hold / deletion time; archive time for a key rotation */
  event: number;
  workspaceId?: string;
  /** the position of the original, for an edit or deletion */
  refersTo?: number;
  /** positions a retention-deletion record lists */
  lists?: number[];
  /** the message's identity, for a message record */
  messageKey?: string;
  /** index of the signing key in force when the record was written (a tombstone keeps the original's) */
  keyEpoch: number;
  tombstone: boolean;
}

export interface ModelChain {
  records: ModelRecord[];
  held: boolean;
  /** follow-up dedup keys: `${originalSeq}:${discriminator}` */
  followUps: Set<string>;
}

export interface ModelSelection {
  from?: number;
  to?: number;
  workspaceId?: string;
}

const EXPIRING = new Set<ModelKind>(['message', 'edit', 'deletion']);
/** Records retention replaces per batch (src/evidence/retention.ts). */
const RETENTION_CHUNK = 500;

export class ArchiveModel {
  readonly chains = new Map<string, ModelChain>();
  keyEpoch = 0;

  constructor(public now: number) {}

  chain(recipient: string): ModelChain {
    let chain = this.chains.get(recipient);
    if (!chain) this.chains.set(recipient, (chain = { records: [], held: false, followUps: new Set() }));
    return chain;
  }

  private append(recipient: string, record: Omit<ModelRecord, 'seq' | 'archivedAt' | 'keyEpoch' | 'tombstone'>): ModelRecord {
    const chain = this.chain(recipient);
    const full: ModelRecord = { ...record, seq: chain.records.length, archivedAt: this.now, keyEpoch: this.keyEpoch, tombstone: false };
    chain.records.push(full);
    return full;
  }

  /** Returns whether a new record was written (false: a duplicate). */
  archive(recipient: string, messageKey: string, sentAt: number, workspaceId: string | undefined): boolean {
    const chain = this.chains.get(recipient);
    if (chain?.records.some((r) => r.messageKey === messageKey)) return false;
    this.append(recipient, { kind: 'message', event: sentAt, messageKey, workspaceId });
    return true;
  }

  /**
   * An edit or deletion: one follow-up per recipient whose original is still there (not a tombstone), unless
   * that recipient has it already. Returns how many recipients hold the original (the archive answers with
   * the id of each one's follow-up, new or redelivered).
   */
  followUp(messageKey: string, kind: 'edit' | 'deletion', discriminator: string): number {
    let holders = 0;
    for (const [recipient, chain] of this.chains) {
      const original = chain.records.find((r) => r.messageKey === messageKey);
      if (!original || original.tombstone) continue;
      holders++;
      const dedup = `${original.seq}:${discriminator}`;
      if (chain.followUps.has(dedup)) continue;
      chain.followUps.add(dedup);
      this.append(recipient, { kind, event: this.now, refersTo: original.seq });
    }
    return holders;
  }

  rotateKey(): void {
    this.keyEpoch++;
    for (const [recipient, chain] of this.chains) if (chain.records.length > 0) this.append(recipient, { kind: 'key-rotation', event: this.now });
  }

  hold(recipient: string, on: boolean): void {
    this.append(recipient, { kind: 'legal-hold', event: this.now });
    this.chain(recipient).held = on;
  }

  retention(cutoff: number, dryRun: boolean): { deleted: number; recipients: number; held: number } {
    const report = { deleted: 0, recipients: 0, held: 0 };
    for (const [recipient, chain] of this.chains) {
      if (chain.held) {
        report.held++;
        continue;
      }
      const expired = chain.records.filter((r) => EXPIRING.has(r.kind) && !r.tombstone && r.archivedAt < cutoff);
      if (expired.length === 0) continue;
      report.recipients++;
      report.deleted += expired.length;
      if (dryRun) continue;
      for (const r of expired) r.tombstone = true;
      // One retention-deletion record per chunk of records replaced.
      for (let at = 0; at < expired.length; at += RETENTION_CHUNK) {
        this.append(recipient, { kind: 'retention-deletion', event: this.now, lists: expired.slice(at, at + RETENTION_CHUNK).map((r) => r.seq) });
      }
    }
    return report;
  }

  /** The key in force when the chain began (tombstones re-signed later do not change it). */
  anchorEpoch(recipient: string): number | undefined {
    return this.chains.get(recipient)?.records[0]?.keyEpoch;
  }

  /**
   * What an export must hold: messages whose sent time (and workspace) the selection takes, every edit or
   * deletion of those, a retention-deletion record with any of the tombstones it accounts for, other records
   * (tombstones by the archive time of what they replaced) by their own time, and the key rotations between
   * the first and the last of them.
   */
  expectedExport(recipient: string, selection: ModelSelection): Array<{ seq: number; kind: string }> {
    const out: Array<{ seq: number; kind: string }> = [];
    const taken = new Set<number>();
    let rotations: Array<{ seq: number; kind: string }> = [];
    for (const r of this.chains.get(recipient)?.records ?? []) {
      const kind = r.tombstone ? 'tombstone' : r.kind;
      if (kind === 'key-rotation') {
        if (taken.size > 0) rotations.push({ seq: r.seq, kind });
        continue;
      }
      const time = r.tombstone ? r.archivedAt : r.event;
      const inWindow =
        (selection.from === undefined || time >= selection.from) &&
        (selection.to === undefined || time <= selection.to) &&
        (selection.workspaceId === undefined || (kind === 'message' && r.workspaceId === selection.workspaceId));
      let take: boolean;
      if (kind === 'edit' || kind === 'deletion') take = taken.has(r.refersTo!);
      else if (kind === 'retention-deletion') take = inWindow || r.lists!.some((seq) => taken.has(seq));
      else take = inWindow;
      if (!take) continue;
      out.push(...rotations, { seq: r.seq, kind });
      rotations = [];
      taken.add(r.seq);
    }
    return out;
  }
}
