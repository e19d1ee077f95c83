import { describe, expect, it } from 'vitest';
import { BucketTable } from '../../src/detection/bucket-table.js';
import { prng } from '../../src/core/prng.js';

const rowOf = (t: BucketTable, bucket: number): number[] => {
  const at = t.row(bucket);
  return Array.from(t.values.subarray(at, at + 3));
};

describe('BucketTable', () => {
  it('reads every bucket as the dense table would, used or not', () => {
    const rand = prng(5);
    const stride = 4;
    const buckets = 1 << 12;
    const dense = new Float32Array(buckets * stride);
    for (let b = 0; b < buckets; b++) if (rand() < 0.1) for (let k = 0; k < 3; k++) dense[b * stride + k] = rand() * 2 - 1;
    const table = BucketTable.fromDense(dense, stride);
    for (let b = 0; b < buckets; b++) expect(rowOf(table, b)).toEqual(Array.from(dense.subarray(b * stride, b * stride + 3)));
  });

  it('keeps colliding buckets apart in a full-as-allowed table, and the last values of a bucket set twice', () => {
    // 64 entries get 128 slots; these keys all share home slot 0 under the table's multiplicative hash, so
    // each lookup has to probe past the others.
    const table = new BucketTable(64);
    const keys: number[] = [];
    for (let k = 0; keys.length < 64; k++) if (Math.imul(k, 0x9e3779b1) >>> 25 === 0) keys.push(k);
    keys.forEach((k, i) => table.set(k, i, -i, i / 2));
    table.set(keys[3]!, 100, 200, 300);
    keys.forEach((k, i) => expect(rowOf(table, k)).toEqual(i === 3 ? [100, 200, 300] : [i, -i, i / 2]));
    expect(rowOf(table, 5)).toEqual([0, 0, 0]);
    expect(rowOf(table, (1 << 24) - 1)).toEqual([0, 0, 0]);
  });

  it('answers zeros for everything when empty', () => {
    const table = new BucketTable(0);
    expect(rowOf(table, 0)).toEqual([0, 0, 0]);
    expect(rowOf(table, 12345)).toEqual([0, 0, 0]);
  });
});
