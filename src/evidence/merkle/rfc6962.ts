// RFC 6962 Merkle tree hashing and proofs (SHA-256; leaf = H(0x00 || data), node = H(0x01 || left || right)).
// Proofs are described as the tree ranges whose hashes they list, so a store of perfect subtrees can fill
// them in; verification follows RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency).
import { createHash } from 'node:crypto';

export type Range = readonly [start: number, end: number];

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

export const EMPTY_ROOT = sha256(Buffer.alloc(0));
export const leafHash = (data: Buffer): Buffer => sha256(LEAF_PREFIX, data);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE_PREFIX, left, right);

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of a list of leaf hashes, straight from the definition (for small trees and tests). */
export function rootOf(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/** The ranges whose hashes form PATH(index, D[0:size]), leaf side first. */
export function inclusionRanges(index: number, size: number): Range[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const walk = (start: number, end: number): Range[] => {
    if (end - start === 1) return [];
    const k = split(end - start);
    return index < start + k ? [...walk(start, start + k), [start + k, end]] : [...walk(start + k, end), [start, start + k]];
  };
  return walk(0, size);
}

/** The ranges whose hashes form PROOF(m, D[0:n]) (RFC 6962 §2.1.2). */
export function consistencyRanges(m: number, n: number): Range[] {
  if (!(m > 0 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const sub = (m: number, start: number, end: number, whole: boolean): Range[] => {
    if (m === end - start) return whole ? [] : [[start, end]];
    const k = split(end - start);
    return m <= k ? [...sub(m, start, start + k, whole), [start + k, end]] : [...sub(m - k, start + k, end, false), [start, start + k]];
  };
  return sub(m, 0, n, true);
}

/** Splits a range into the perfect (power-of-two, aligned) subtrees whose hashes make up its MTH, left first. */
export function perfectPieces([start, end]: Range): Array<{ level: number; index: number }> {
  const pieces: Array<{ level: number; index: number }> = [];
  for (let at = start; at < end; ) {
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 <= end) size *= 2;
    pieces.push({ level: Math.log2(size), index: at / size });
    at += size;
  }
  return pieces;
}

/** MTH of a range from the hashes of its perfect pieces (left to right). */
export function foldPieces(hashes: readonly Buffer[]): Buffer {
  let hash = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i]!, hash);
  return hash;
}

const isHash = (h: Buffer): boolean => h.length === 32;

/** One node hash computed by an inclusion proof: its two children (left, right) and itself. */
interface Step {
  left: Buffer;
  right: Buffer;
  node: Buffer;
}

/**
 * Node hashes already computed by proofs against the same tree size, by the node's place in the tree.
 * Neighbouring leaves share most of their path: when a proof needs a node from the same two child hashes
 * as before, it is the same hash (the same inputs to SHA-256), so a bundle's n proofs cost about n node
 * hashes instead of n·log n, with exactly the same outcome, right or wrong.
 */
export type InclusionSteps = Map<number, Step>;

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or undefined when the proof cannot be right. */
export function rootFromInclusion(index: number, size: number, leaf: Buffer, proof: readonly Buffer[], steps?: InclusionSteps): Buffer | undefined {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size) || !isHash(leaf) || !proof.every(isHash)) return undefined;
  let fn = index;
  let sn = size - 1;
  // How many times fn was halved: (level, fn) names a node of the tree of this size.
  let level = 0;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return undefined;
    const fromRight = fn % 2 === 1 || fn === sn;
    const [left, right] = fromRight ? [p, r] : [r, p];
    if (fromRight) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
        level++;
      }
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    level++;
    const at = fn * 64 + level;
    const known = steps?.get(at);
    if (known && known.left.equals(left) && known.right.equals(right)) {
      r = known.node;
    } else {
      r = nodeHash(left, right);
      steps?.set(at, { left, right, node: r });
    }
  }
  return sn === 0 ? r : undefined;
}

/** `steps`, when given, must only ever be used with this same `size` (see InclusionSteps). */
export function verifyInclusion(index: number, size: number, leaf: Buffer, proof: readonly Buffer[], root: Buffer, steps?: InclusionSteps): boolean {
  const reached = rootFromInclusion(index, size, leaf, proof, steps);
  return reached !== undefined && reached.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of size2 (root2) extends the tree of size1 (root1)? */
export function verifyConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: readonly Buffer[]): boolean {
  if (!(Number.isSafeInteger(size1) && Number.isSafeInteger(size2) && size1 >= 0 && size1 <= size2) || !proof.every(isHash)) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = Number.isInteger(Math.log2(size1)) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
