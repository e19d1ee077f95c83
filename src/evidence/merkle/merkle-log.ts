// The archive's RFC 6962 log: every record (of every recipient) is a leaf, in the order it was written.
// The store keeps each leaf (`g:INDEX` → leaf hash and record key), each record's leaf index
// (`x:TAG:SEQ`), every complete subtree above the leaves (`n:LEVEL:INDEX`), and the right edge of the
// tree (`t:state`), so appending costs O(log n) and any proof is a handful of lookups.
// All of it is derived from the records: on stores without atomic batches, `open` finishes a tree
// update a crash cut short, and records the tree never got are appended when their chain is healed.
import type { KeyValueStore } from '../../storage/store.js';
import { EMPTY_ROOT, foldPieces, leafHash, nodeHash, perfectPieces, type Range } from './rfc6962.js';

const pad = (n: number): string => String(n).padStart(12, '0');

export const treeLayout = {
  leaf: (index: number): string => `g:${pad(index)}`,
  node: (level: number, index: number): string => (level === 0 ? treeLayout.leaf(index) : `n:${String(level).padStart(2, '0')}:${pad(index)}`),
  /** The leaf index of the record stored under `r:TAG:SEQ`. */
  leafOf: (recordKey: string): string => `x:${recordKey.slice(2)}`,
  state: 't:state',
};

interface Edge {
  level: number;
  hash: Buffer;
}

export class MerkleLog {
  private constructor(
    private readonly store: KeyValueStore,
    private count: number,
    private edge: Edge[],
  ) {}

  /** Size and root of a saved tree state (`t:state`). */
  static parseState(saved: string | undefined): { size: number; root: Buffer; edge: Edge[] } {
    const state = saved ? (JSON.parse(saved) as { size: number; edge: Array<[number, string]> }) : { size: 0, edge: [] };
    const edge = state.edge.map(([level, hash]) => ({ level, hash: Buffer.from(hash, 'hex') }));
    return { size: state.size, edge, root: edge.length === 0 ? EMPTY_ROOT : foldPieces(edge.map((e) => e.hash)) };
  }

  static async open(store: KeyValueStore): Promise<MerkleLog> {
    const state = MerkleLog.parseState(await store.get(treeLayout.state));
    const log = new MerkleLog(store, state.size, state.edge);
    // Leaves written after the last saved state: on a non-atomic store, a crash before `t:state`; on SQLite,
    // another process's batch committed since the read above, with a `t:state` of its own that may already
    // be newer still. There they are only taken in: writing this view's state could move the log's saved
    // size back, and exports would then find records past their checkpoint.
    const repairs: Array<[string, string]> = [];
    for (let leaf = await store.get(treeLayout.leaf(log.count)); leaf !== undefined; leaf = await store.get(treeLayout.leaf(log.count))) {
      const [hash, recordKey] = leaf.split(' ');
      repairs.push(...log.add(Buffer.from(hash!, 'hex'), recordKey!));
    }
    if (repairs.length > 0 && !store.atomicBatches) await store.writeBatch([...repairs, log.stateEntry()]);
    return log;
  }

  get size(): number {
    return this.count;
  }

  /** Re-reads the saved state, for when another process has appended to the log since this one looked. */
  async reload(): Promise<void> {
    const fresh = await MerkleLog.open(this.store);
    this.count = fresh.count;
    this.edge = fresh.edge;
  }

  root(): Buffer {
    return this.edge.length === 0 ? EMPTY_ROOT : foldPieces(this.edge.map((e) => e.hash));
  }

  /** Appends a record line (or its UTF-8 bytes) as the next leaf; returns the entries to store with it. */
  append(line: string | Buffer, recordKey: string): Array<[string, string]> {
    return this.add(leafHash(typeof line === 'string' ? Buffer.from(line, 'utf8') : line), recordKey);
  }

  private add(leaf: Buffer, recordKey: string): Array<[string, string]> {
    const index = this.count;
    const entries: Array<[string, string]> = [
      [treeLayout.leaf(index), `${leaf.toString('hex')} ${recordKey}`],
      [treeLayout.leafOf(recordKey), String(index)],
    ];
    let hash = leaf;
    let level = 0;
    for (let at = index; at % 2 === 1; at = Math.floor(at / 2)) {
      hash = nodeHash(this.edge.pop()!.hash, hash);
      level++;
      entries.push([treeLayout.node(level, Math.floor(at / 2)), hash.toString('hex')]);
    }
    this.edge.push({ level, hash });
    this.count++;
    return entries;
  }

  stateEntry(): [string, string] {
    return [treeLayout.state, JSON.stringify({ size: this.count, edge: this.edge.map((e) => [e.level, e.hash.toString('hex')]) })];
  }

  snapshot(): () => void {
    const [count, edge] = [this.count, [...this.edge]];
    return () => {
      this.count = count;
      this.edge = edge;
    };
  }

  /** Leaf indexes of records by their store keys (undefined for a record the tree does not hold yet). */
  async leafIndexes(recordKeys: readonly string[]): Promise<Array<number | undefined>> {
    const values = await this.store.getMany(recordKeys.map(treeLayout.leafOf));
    return values.map((v) => (v === undefined ? undefined : Number(v)));
  }

  /**
   * Hashes of tree ranges, read from the stored subtrees; `cache` spares repeated reads across calls, and
   * remembers each range's hash too (neighbouring leaves' proofs share their upper ranges, whose hashes
   * are the same Buffer objects from call to call).
   */
  async rangeHashes(ranges: readonly Range[], cache = new Map<string, Buffer>()): Promise<Buffer[]> {
    const out: Buffer[] = new Array<Buffer>(ranges.length);
    const todo: Array<{ at: number; key: string; pieces: string[] }> = [];
    ranges.forEach((range, at) => {
      const key = `${range[0]}-${range[1]}`;
      const known = cache.get(key);
      if (known) out[at] = known;
      else todo.push({ at, key, pieces: perfectPieces(range).map(({ level, index }) => treeLayout.node(level, index)) });
    });
    const missing = [...new Set(todo.flatMap((t) => t.pieces).filter((key) => !cache.has(key)))];
    const values = await this.store.getMany(missing);
    missing.forEach((key, i) => {
      const value = values[i];
      if (value === undefined || !/^[0-9a-f]{64}/.test(value)) throw new Error(`Merkle tree node ${key} is missing or damaged in the store`);
      cache.set(key, Buffer.from(value.slice(0, 64), 'hex'));
    });
    for (const { at, key, pieces } of todo) {
      const hash = cache.get(key) ?? foldPieces(pieces.map((piece) => cache.get(piece)!));
      cache.set(key, hash);
      out[at] = hash;
    }
    return out;
  }
}
