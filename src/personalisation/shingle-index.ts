// The inverted index from shingle hash to entry numbers as three flat typed arrays (open addressing,
// linear probing) instead of a Map of arrays: a lookup is a few typed-array reads, nothing is boxed, and
// an index with no entries allocates nothing (every recipient has one for their rules and additions).

const EMPTY = -1;

export class ShingleIndex {
  /** Shingle hash per slot (non-negative), EMPTY when free; length a power of two, at most half full. */
  private readonly keys: Int32Array;
  /** Where a slot's entry numbers start in `postings`, and how many there are. */
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  /** Entry numbers of every slot, each slot's run in ascending order (the order entries were added). */
  readonly postings: Int32Array;
  /** Generation at which a slot was last visited by `visit`, so a shingle repeated in a text counts once. */
  private readonly visited: Uint32Array;
  private generation = 0;
  private readonly mask: number;

  /** `shinglesPerEntry[e]` holds entry e's distinct shingle hashes (non-negative 31-bit integers). */
  constructor(shinglesPerEntry: readonly (readonly number[])[]) {
    let total = 0;
    for (const shingles of shinglesPerEntry) total += shingles.length;
    let size = total === 0 ? 0 : 4;
    while (size > 0 && size < total * 2) size *= 2;
    this.keys = new Int32Array(size).fill(EMPTY);
    this.starts = new Int32Array(size);
    this.lengths = new Int32Array(size);
    this.visited = new Uint32Array(size);
    this.mask = size - 1;
    for (const shingles of shinglesPerEntry) for (const s of shingles) this.lengths[this.claim(s)]!++;
    let offset = 0;
    for (let slot = 0; slot < size; slot++) {
      this.starts[slot] = offset;
      offset += this.lengths[slot]!;
      this.lengths[slot] = 0;
    }
    this.postings = new Int32Array(offset);
    for (let e = 0; e < shinglesPerEntry.length; e++) {
      for (const s of shinglesPerEntry[e]!) {
        const slot = this.slotOf(s);
        this.postings[this.starts[slot]! + this.lengths[slot]!++] = e;
      }
    }
  }

  get empty(): boolean {
    return this.keys.length === 0;
  }

  private static home(hash: number, mask: number): number {
    const h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    return (h ^ (h >>> 13)) & mask;
  }

  private claim(hash: number): number {
    let slot = ShingleIndex.home(hash, this.mask);
    for (;;) {
      const k = this.keys[slot]!;
      if (k === hash) return slot;
      if (k === EMPTY) {
        this.keys[slot] = hash;
        return slot;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The slot holding `hash`, or -1 when no entry has that shingle. */
  slotOf(hash: number): number {
    if (this.keys.length === 0) return -1;
    const keys = this.keys;
    const mask = this.mask;
    let slot = ShingleIndex.home(hash, mask);
    for (;;) {
      const k = keys[slot]!;
      if (k === hash) return slot;
      if (k === EMPTY) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /** Starts a new text: every slot counts as not yet visited. */
  beginText(): void {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.visited.fill(0);
      this.generation = 1;
    }
  }

  /** True the first time a slot is visited since `beginText`. */
  firstVisit(slot: number): boolean {
    if (this.visited[slot] === this.generation) return false;
    this.visited[slot] = this.generation;
    return true;
  }

  start(slot: number): number {
    return this.starts[slot]!;
  }

  end(slot: number): number {
    return this.starts[slot]! + this.lengths[slot]!;
  }
}
