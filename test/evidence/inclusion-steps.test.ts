// Inclusion proofs checked with shared steps (InclusionSteps) must reach exactly the verdict each proof
// reaches alone, in any order, whatever proofs (right, damaged, or for another leaf) came before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldPieces, inclusionRanges, leafHash, perfectPieces, rootOf, verifyInclusion, type InclusionSteps } from '../../src/evidence/merkle/rfc6962.js';

function tree(size: number): { leaves: Buffer[]; root: Buffer; proof(index: number): Buffer[] } {
  const leaves = Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`record ${i}`)));
  const piece = ({ level, index }: { level: number; index: number }): Buffer => rootOf(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));
  return { leaves, root: rootOf(leaves), proof: (index) => inclusionRanges(index, size).map((range) => foldPieces(perfectPieces(range).map(piece))) };
}

const flip = (h: Buffer, byte: number): Buffer => Buffer.from(h.map((b, i) => (i === byte % 32 ? b ^ 1 : b)));

describe('inclusion proofs with shared steps', () => {
  it('give the verdict each proof gets alone, for right and damaged proofs in any order', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 70 }).chain((size) => fc.tuple(fc.constant(size), fc.array(fc.record({
        index: fc.nat({ max: size - 1 }),
        claimed: fc.nat({ max: size - 1 }),
        damage: fc.oneof(fc.constant('none' as const), fc.constant('leaf' as const), fc.constant('other-leaf' as const), fc.tuple(fc.nat(), fc.nat()).map(([at, byte]) => ({ at, byte })), fc.constant('drop' as const)),
      }), { maxLength: 60 }))),
      ([size, checks]) => {
        const t = tree(size);
        const steps: InclusionSteps = new Map();
        for (const { index, claimed, damage } of checks) {
          let leaf = t.leaves[index]!;
          let proof = t.proof(index);
          if (damage === 'leaf') leaf = flip(leaf, 3);
          else if (damage === 'other-leaf') leaf = t.leaves[claimed]!;
          else if (damage === 'drop') proof = proof.slice(1);
          else if (damage !== 'none' && proof.length > 0) proof = proof.map((h, i) => (i === damage.at % proof.length ? flip(h, damage.byte) : h));
          const alone = verifyInclusion(index, size, leaf, proof, t.root);
          expect(verifyInclusion(index, size, leaf, proof, t.root, steps)).toBe(alone);
          if (damage === 'none') expect(alone).toBe(true);
        }
      },
    ), { numRuns: 300 });
  });
});
