// The detector's weights by hash bucket. Of the 2^bits buckets only the ones seen in training carry a
// weight (about 7 % of 2^20 for the shipped model), so a dense table would be mostly zeros (16 MB). This
// keeps the used buckets in an open-addressing table at most half full (keys, then idf, offensive and
// targeted weight interleaved per slot); an unused bucket reads as a row of zeros, as it did densely.

const EMPTY = -1;

export class BucketTable {
  /** idf, offensive, targeted of slot s at 3s, 3s + 1, 3s + 2; the last row is all zeros. */
  readonly values: Float32Array;
  private readonly keys: Int32Array;
  private readonly shift: number;
  private readonly slotMask: number;
  /** Index in `values` of the zero row. */
  private readonly zeroRow: number;

  /** A table for up to `entries` distinct buckets. */
  constructor(entries: number) {
    let bits = 2;
    while (1 << bits < entries * 2) bits++;
    const slots = 1 << bits;
    this.keys = new Int32Array(slots).fill(EMPTY);
    this.values = new Float32Array((slots + 1) * 3);
    this.shift = 32 - bits;
    this.slotMask = slots - 1;
    this.zeroRow = slots * 3;
  }

  /** Sets a bucket's row; a bucket set twice keeps the last values. */
  set(bucket: number, idf: number, offensive: number, targeted: number): void {
    let slot = Math.imul(bucket, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === bucket || k === EMPTY) break;
      slot = (slot + 1) & this.slotMask;
    }
    this.keys[slot] = bucket;
    const at = slot * 3;
    this.values[at] = idf;
    this.values[at + 1] = offensive;
    this.values[at + 2] = targeted;
  }

  /** Index in `values` of the bucket's row (idf, offensive, targeted): the zero row for an unused bucket. */
  row(bucket: number): number {
    const keys = this.keys;
    let slot = Math.imul(bucket, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[slot]!;
      if (k === bucket) return slot * 3;
      if (k === EMPTY) return this.zeroRow;
      slot = (slot + 1) & this.slotMask;
    }
  }

  /** From a dense table (`stride` values per bucket: idf, offensive, targeted, …), keeping the non-zero rows. */
  static fromDense(table: Float32Array, stride: number): BucketTable {
    const buckets = Math.floor(table.length / stride);
    let used = 0;
    for (let b = 0; b < buckets; b++) if (table[b * stride] !== 0 || table[b * stride + 1] !== 0 || table[b * stride + 2] !== 0) used++;
    const out = new BucketTable(used);
    for (let b = 0; b < buckets; b++) {
      const at = b * stride;
      if (table[at] !== 0 || table[at + 1] !== 0 || table[at + 2] !== 0) out.set(b, table[at]!, table[at + 1]!, table[at + 2]!);
    }
    return out;
  }
}
