// Rows of hashed features stored compactly (CSR) for training, with hash buckets renumbered to the
// columns actually seen, so the optimiser's vectors are as long as the vocabulary, not the hash space.
import type { SparseView } from './features.js';

export interface Csr {
  rows: number;
  cols: number;
  ptr: Int32Array;
  col: Int32Array;
  val: Float32Array;
  /** Hash bucket of each column. */
  bucketOf: Int32Array;
}

export class CsrBuilder {
  private col: Int32Array = new Int32Array(1 << 16);
  private val: Float32Array = new Float32Array(1 << 16);
  private nnz = 0;
  private readonly ptr: number[] = [0];
  private readonly columnOf: Int32Array;
  private readonly buckets: number[] = [];

  constructor(bits: number) {
    this.columnOf = new Int32Array(1 << bits).fill(-1);
  }

  push(row: SparseView): void {
    while (this.nnz + row.n > this.col.length) {
      const col = new Int32Array(this.col.length * 2);
      col.set(this.col);
      const val = new Float32Array(this.val.length * 2);
      val.set(this.val);
      this.col = col;
      this.val = val;
    }
    for (let k = 0; k < row.n; k++) {
      const v = row.val[k] as number;
      if (v === 0) continue;
      const b = row.idx[k] as number;
      let c = this.columnOf[b] as number;
      if (c < 0) {
        c = this.buckets.length;
        this.columnOf[b] = c;
        this.buckets.push(b);
      }
      this.col[this.nnz] = c;
      this.val[this.nnz++] = v;
    }
    this.ptr.push(this.nnz);
  }

  build(): Csr {
    return {
      rows: this.ptr.length - 1,
      cols: this.buckets.length,
      ptr: Int32Array.from(this.ptr),
      col: this.col.slice(0, this.nnz),
      val: this.val.slice(0, this.nnz),
      bucketOf: Int32Array.from(this.buckets),
    };
  }
}

/** The rows `keep` of a matrix (a training subset), sharing its column numbering. */
export function selectRows(m: Csr, keep: readonly number[]): Csr {
  let nnz = 0;
  for (const r of keep) nnz += (m.ptr[r + 1] as number) - (m.ptr[r] as number);
  const ptr = new Int32Array(keep.length + 1);
  const col = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let o = 0;
  keep.forEach((r, i) => {
    const a = m.ptr[r] as number;
    const b = m.ptr[r + 1] as number;
    col.set(m.col.subarray(a, b), o);
    val.set(m.val.subarray(a, b), o);
    o += b - a;
    ptr[i + 1] = o;
  });
  return { rows: keep.length, cols: m.cols, ptr, col, val, bucketOf: m.bucketOf };
}
