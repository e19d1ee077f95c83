// RFC 6962 hashing and proofs against the reference test vectors published with the Certificate
// Transparency / transparency-dev Merkle implementations (8 leaves, roots for 1..8, inclusion and
// consistency proofs), and every corruption of a proof must fail.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT, consistencyRanges, foldPieces, inclusionRanges, leafHash, perfectPieces, rootOf, verifyConsistency, verifyInclusion, type Range,
} from '../../src/evidence/merkle/rfc6962.js';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);
/** [leaf index (0-based), tree size, proof] */
const INCLUSION: Array<[number, number, string[]]> = [
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];
const CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
];

const leafHashes = LEAVES.map(leafHash);
/** Fills a proof's ranges from the leaves, the way the archive fills them from stored subtrees. */
const fill = (ranges: Range[]): Buffer[] => ranges.map((range) => foldPieces(perfectPieces(range).map(({ level, index }) => rootOf(leafHashes.slice(index << level, (index + 1) << level)))));
const flipBit = (h: Buffer): Buffer => Buffer.from(h.map((b, i) => (i === 0 ? b ^ 8 : b)));

describe('RFC 6962 Merkle tree', () => {
  it('gives the published roots for 1 to 8 leaves, and SHA-256("") for none', () => {
    expect(rootOf([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(EMPTY_ROOT.equals(rootOf([]))).toBe(true);
    for (let n = 1; n <= 8; n++) expect(rootOf(leafHashes.slice(0, n)).toString('hex')).toBe(ROOTS[n - 1]!.toString('hex'));
  });

  it('builds the published inclusion and consistency proofs', () => {
    for (const [index, size, proof] of INCLUSION) expect(fill(inclusionRanges(index, size)).map((h) => h.toString('hex'))).toEqual(proof);
    for (const [m, n, proof] of CONSISTENCY) expect(fill(consistencyRanges(m, n)).map((h) => h.toString('hex'))).toEqual(proof);
  });

  it('verifies every inclusion proof in trees of 1 to 8 leaves, and the published ones', () => {
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        expect(verifyInclusion(index, size, leafHashes[index]!, fill(inclusionRanges(index, size)), ROOTS[size - 1]!)).toBe(true);
      }
    }
    for (const [index, size, proof] of INCLUSION) expect(verifyInclusion(index, size, leafHashes[index]!, proof.map(hex), ROOTS[size - 1]!)).toBe(true);
  });

  it('verifies every consistency proof between trees of 1 to 8 leaves', () => {
    for (let n = 1; n <= 8; n++) {
      for (let m = 1; m <= n; m++) expect(verifyConsistency(m, n, ROOTS[m - 1]!, ROOTS[n - 1]!, fill(consistencyRanges(m, n)))).toBe(true);
    }
    expect(verifyConsistency(0, 5, EMPTY_ROOT, ROOTS[4]!, [])).toBe(true);
  });

  // A wrong size whose tree has the same shape around the leaf (1 in 5 vs 6) leads to the same root: the
  // signed checkpoint binds size and root together, so only sizes with another shape are probed here.
  it('rejects every corrupted inclusion proof', () => {
    for (const [index, size, published] of INCLUSION) {
      const proof = published.map(hex);
      const root = ROOTS[size - 1]!;
      const leaf = leafHashes[index]!;
      const bad: Array<[string, boolean]> = [
        ['index - 1', verifyInclusion(index - 1, size, leaf, proof, root)],
        ['index + 1', verifyInclusion(index + 1, size, leaf, proof, root)],
        ['index ^ 2', verifyInclusion(index ^ 2, size, leaf, proof, root)],
        ['size * 2', verifyInclusion(index, size * 2, leaf, proof, root)],
        ['size / 2', verifyInclusion(index, Math.floor(size / 2), leaf, proof, root)],
        ['wrong leaf', verifyInclusion(index, size, leafHash(Buffer.from('WrongLeaf')), proof, root)],
        ['wrong root', verifyInclusion(index, size, leaf, proof, EMPTY_ROOT)],
        ['component removed', verifyInclusion(index, size, leaf, proof.slice(0, -1), root)],
        ['component added at the end', verifyInclusion(index, size, leaf, [...proof, root], root)],
        ['component added at the front', verifyInclusion(index, size, leaf, [root, ...proof], root)],
        ['empty component', verifyInclusion(index, size, leaf, [...proof, Buffer.alloc(0)], root)],
        ...proof.map((_, i): [string, boolean] => [`bit flipped in component ${i}`, verifyInclusion(index, size, leaf, proof.map((h, j) => (j === i ? flipBit(h) : h)), root)]),
      ];
      expect(bad.filter(([, accepted]) => accepted).map(([what]) => `${index}/${size}: ${what}`)).toEqual([]);
    }
  });

  it('rejects every corrupted consistency proof', () => {
    for (const [m, n, published] of CONSISTENCY) {
      const proof = published.map(hex);
      const [r1, r2] = [ROOTS[m - 1]!, ROOTS[n - 1]!];
      const bad: Array<[string, boolean]> = [
        ['size1 - 1', verifyConsistency(m - 1, n, r1, r2, proof)],
        ['size1 + 1', verifyConsistency(m + 1, n, r1, r2, proof)],
        ['size1 ^ 2', verifyConsistency(m ^ 2, n, r1, r2, proof)],
        ['size2 * 2', verifyConsistency(m, n * 2, r1, r2, proof)],
        ['size2 / 2', verifyConsistency(m, Math.floor(n / 2), r1, r2, proof)],
        ['wrong root1', verifyConsistency(m, n, EMPTY_ROOT, r2, proof)],
        ['wrong root2', verifyConsistency(m, n, r1, EMPTY_ROOT, proof)],
        ['swapped roots', verifyConsistency(m, n, r2, r1, proof)],
        ['empty proof', verifyConsistency(m, n, r1, r2, [])],
        ['component removed', verifyConsistency(m, n, r1, r2, proof.slice(0, -1))],
        ['component added at the end', verifyConsistency(m, n, r1, r2, [...proof, r2])],
        ['component added at the front', verifyConsistency(m, n, r1, r2, [proof[0]!, ...proof])],
        ...proof.map((_, i): [string, boolean] => [`bit flipped in component ${i}`, verifyConsistency(m, n, r1, r2, proof.map((h, j) => (j === i ? flipBit(h) : h)))]),
      ];
      expect(bad.filter(([, accepted]) => accepted).map(([what]) => `${m}→${n}: ${what}`)).toEqual([]);
    }
  });
});
