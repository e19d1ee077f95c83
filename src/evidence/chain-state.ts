// The head of each recipient's chain (last seq, its hash, the key that signed it), cached after the first
// look. The first look also heals: records are written before the entries derived from them, so after a
// crash on a store without atomic batches there may be records the head hint and dedup index do not know
// yet. They are found by probing past the hint and their index entries are rewritten, before anything new
// is appended or deduplicated for that recipient.
import type { KeyValueStore } from '../storage/store.js';
import { layout, indexEntries, recipientTag } from './store-layout.js';
import { GENESIS_HASH, parseLine } from './record-codec.js';
import { chainHash, readChainLines } from './tombstone.js';
import { EvidenceError } from './errors.js';

export interface ChainHead {
  recipient: string;
  tag: string;
  /** -1 for an empty chain. */
  seq: number;
  hash: string;
  keyId?: string;
}

const PROBE = 64;

export class ChainStates {
  private readonly heads = new Map<string, ChainHead>();
  private readonly loading = new Map<string, Promise<ChainHead>>();

  constructor(
    private readonly store: KeyValueStore,
    /** Entries to write for records found past the head hint (their leaves in the log), beyond the index entries. */
    private readonly onHealed: (found: Array<[string, string]>) => Promise<Array<[string, string]>> = async () => [],
  ) {}

  async load(recipient: string): Promise<ChainHead> {
    const tag = recipientTag(recipient);
    const known = this.heads.get(tag);
    if (known) return known;
    let pending = this.loading.get(tag);
    if (!pending) {
      pending = this.read(recipient, tag).finally(() => this.loading.delete(tag));
      this.loading.set(tag, pending);
    }
    const head = await pending;
    this.heads.set(tag, head);
    return head;
  }

  /** The head if it is cached (no store read needed), else undefined. */
  cached(tag: string): ChainHead | undefined {
    return this.heads.get(tag);
  }

  set(head: ChainHead): void {
    this.heads.set(head.tag, head);
  }

  /** Forget a head after a failed write: the next look re-reads (and heals) it from the store. */
  invalidate(tag: string): void {
    this.heads.delete(tag);
  }

  /** Forget every head: another process has written to the archive and any of them may be stale. */
  invalidateAll(): void {
    this.heads.clear();
  }

  /** The head hint is not encrypted (it holds a hash and a number): it must match the record it names. */
  private async checkedHint(recipient: string, tag: string, hint: string): Promise<ChainHead> {
    let head: ChainHead | undefined;
    try {
      head = { recipient, tag, ...(JSON.parse(hint) as Omit<ChainHead, 'recipient' | 'tag'>) };
    } catch {
      head = undefined;
    }
    const line = head && Number.isSafeInteger(head.seq) && head.seq >= 0 ? (await readChainLines(this.store, tag, [head.seq]))[0] : undefined;
    if (!head || line === undefined || chainHash(parseLine(line), line) !== head.hash) {
      throw new EvidenceError('store', `the stored chain head of ${recipient} does not match its last record: the store was changed or damaged`);
    }
    return head;
  }

  private async read(recipient: string, tag: string): Promise<ChainHead> {
    const [hint, owner] = await this.store.getMany([layout.head(tag), layout.recipient(tag)]);
    if (owner !== undefined && owner !== recipient) {
      throw new Error(`recipient tag collision: ${recipient} and ${owner} share chain ${tag}`);
    }
    let head: ChainHead = { recipient, tag, seq: -1, hash: GENESIS_HASH };
    if (hint !== undefined) head = await this.checkedHint(recipient, tag, hint);
    const repairs: Array<[string, string]> = [];
    const found: Array<[string, string]> = [];
    for (;;) {
      const keys = Array.from({ length: PROBE }, (_, i) => layout.record(tag, head.seq + 1 + i));
      const lines = await readChainLines(this.store, tag, Array.from({ length: PROBE }, (_, i) => head.seq + 1 + i));
      let page = 0;
      for (const line of lines) {
        if (line === undefined) break;
        const record = parseLine(line);
        repairs.push(...indexEntries(record, tag));
        found.push([keys[page]!, line]);
        head = { recipient, tag, seq: record.seq, hash: chainHash(record, line), keyId: record.keyId };
        page++;
      }
      if (page < PROBE) break;
    }
    if (found.length > 0 || (hint === undefined && head.seq >= 0)) {
      const existing = await this.store.getMany(repairs.map(([key]) => key));
      // Write-once index entries are rewritten only when missing; the hold state (`l:`) follows the latest
      // legal-hold record found, even over an older value.
      const missing = repairs.filter(([key], i) => existing[i] === undefined || key.startsWith('l:'));
      const leaves = await this.onHealed(found);
      await this.store.writeBatch([...missing, ...leaves, [layout.recipient(tag), recipient], [layout.head(tag), headValue(head)]]);
    }
    return head;
  }
}

export function headValue(head: ChainHead): string {
  return JSON.stringify({ seq: head.seq, hash: head.hash, keyId: head.keyId });
}
