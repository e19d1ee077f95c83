// What the exporter asks of the archive's log: a signed checkpoint taken together with a chain's head, the
// leaf index of each record, proofs, and the checkpoints earlier exports of the same recipient carried
// (so a new bundle can prove the log only grew since).
import type { KeyValueStore } from '../../storage/store.js';
import type { BatchWriter } from '../batch-writer.js';
import { layout, recipientTag } from '../store-layout.js';
import { signCheckpoint, type Checkpoint } from './checkpoint.js';
import { MerkleLog, treeLayout } from './merkle-log.js';
import { consistencyRanges, inclusionRanges } from './rfc6962.js';

const ORIGIN_KEY = 'a:origin';

export class ArchiveLog {
  private constructor(
    private readonly store: KeyValueStore,
    private readonly writer: BatchWriter,
    readonly origin: string,
  ) {}

  static async open(store: KeyValueStore, writer: BatchWriter): Promise<ArchiveLog> {
    let origin = await store.get(ORIGIN_KEY);
    if (!origin) {
      origin = `acts-evidence/${writer.recordBuilder.signer.keyId.slice(0, 16)}`;
      await store.writeBatch([[ORIGIN_KEY, origin]]);
    }
    return new ArchiveLog(store, writer, origin);
  }

  private get tree(): MerkleLog {
    return this.writer.tree;
  }

  /**
   * A chain's head and a signed checkpoint of the log, read together from the store (one read: on SQLite a
   * consistent view even while another process, the running bot, keeps appending).
   */
  snapshot(recipient: string): Promise<{ head: { seq: number; hash: string }; checkpoint: Checkpoint }> {
    return this.writer.exclusive(async () => {
      const healed = await this.writer.chains.load(recipient);
      const [hint, state] = await this.store.getMany([layout.head(healed.tag), treeLayout.state]);
      const head = hint === undefined ? { seq: healed.seq, hash: healed.hash } : (JSON.parse(hint) as { seq: number; hash: string });
      const tree = MerkleLog.parseState(state);
      return { head: { seq: head.seq, hash: head.hash }, checkpoint: signCheckpoint(this.writer.recordBuilder.signer, this.origin, tree.size, tree.root) };
    });
  }

  leafIndexes(recipient: string, seqs: readonly number[]): Promise<Array<number | undefined>> {
    const tag = recipientTag(recipient);
    return this.tree.leafIndexes(seqs.map((seq) => layout.record(tag, seq)));
  }

  /**
   * Inclusion proofs for leaves in the tree of `size`; `cache` shares subtree reads across calls (and a
   * hash shared by many proofs is the same Buffer in each).
   */
  async inclusionProofs(indexes: readonly number[], size: number, cache: Map<string, Buffer>): Promise<Buffer[][]> {
    const ranges = indexes.map((index) => inclusionRanges(index, size));
    const hashes = await this.tree.rangeHashes(ranges.flat(), cache);
    let at = 0;
    return ranges.map((r) => hashes.slice(at, (at += r.length)));
  }

  async consistencyProof(fromSize: number, toSize: number): Promise<string[]> {
    if (fromSize === 0 || fromSize === toSize) return [];
    return (await this.tree.rangeHashes(consistencyRanges(fromSize, toSize))).map((h) => h.toString('hex'));
  }

  /** Checkpoints earlier exports of this recipient carried, oldest first. */
  async issued(recipient: string): Promise<Checkpoint[]> {
    const found: Checkpoint[] = [];
    for await (const [, value] of this.store.scan(`c:${recipientTag(recipient)}:`)) found.push(JSON.parse(value) as Checkpoint);
    return found;
  }

  async remember(recipient: string, checkpoint: Checkpoint): Promise<void> {
    await this.store.writeBatch([[`c:${recipientTag(recipient)}:${String(checkpoint.size).padStart(12, '0')}`, JSON.stringify(checkpoint)]]);
  }
}
