// proofs.jsonl: for line N of records.jsonl, line N holds that record's leaf index in the archive's log and
// its RFC 6962 inclusion proof against the bundle's signed checkpoint.
import path from 'node:path';
import { BUNDLE_FILES } from '../bundle-format.js';
import { EvidenceError } from '../errors.js';
import type { ArchiveLog } from '../merkle/archive-log.js';
import type { Checkpoint } from '../merkle/checkpoint.js';
import { verifyInclusion, type InclusionSteps } from '../merkle/rfc6962.js';
import { BufferedFile } from './buffered-file.js';

const CHUNK = 512;
/** Subtree hashes kept between chunks; neighbouring records share most of their proofs. */
const CACHE_LIMIT = 200_000;

/** Hex of a hash; most hashes are shared by many proofs (the same Buffer), so each is written out once. */
const hexes = new WeakMap<Buffer, string>();
function hexOf(hash: Buffer): string {
  let hex = hexes.get(hash);
  if (hex === undefined) hexes.set(hash, (hex = hash.toString('hex')));
  return hex;
}

/**
 * Writes one proof per record and checks each against the checkpoint before it goes out: the log's stored
 * subtrees are not encrypted, so a damaged one must be reported here, not discovered by the recipient.
 */
export async function writeProofs(log: ArchiveLog, dir: string, recipient: string, records: { seqs: readonly number[]; leaves: readonly Buffer[] }, checkpoint: Checkpoint): Promise<{ sha256: string; bytes: number }> {
  const { seqs, leaves } = records;
  const treeSize = checkpoint.size;
  const root = Buffer.from(checkpoint.rootHash, 'hex');
  const out = await BufferedFile.create(path.join(dir, BUNDLE_FILES.proofs));
  const cache = new Map<string, Buffer>();
  const steps: InclusionSteps = new Map();
  try {
    for (let at = 0; at < seqs.length; at += CHUNK) {
      const chunk = seqs.slice(at, at + CHUNK);
      const indexes = await log.leafIndexes(recipient, chunk);
      const missing = indexes.findIndex((i) => i === undefined || i >= treeSize);
      if (missing !== -1) throw new EvidenceError('export', `record ${recipient} #${chunk[missing]} is not in the log checkpoint`);
      if (cache.size > CACHE_LIMIT) cache.clear();
      if (steps.size > CACHE_LIMIT) steps.clear();
      const proofs = await log.inclusionProofs(indexes as number[], treeSize, cache);
      for (let i = 0; i < chunk.length; i++) {
        if (!verifyInclusion(indexes[i]!, treeSize, leaves[at + i]!, proofs[i]!, root, steps)) {
          throw new EvidenceError('store', `the log's stored hashes for record ${recipient} #${chunk[i]} do not lead to its root: the store was damaged`);
        }
        await out.write(`${JSON.stringify({ index: indexes[i], path: proofs[i]!.map(hexOf) })}\n`);
      }
    }
  } catch (error) {
    await out.close().catch(() => undefined);
    throw error;
  }
  const sha256 = await out.close();
  return { sha256, bytes: out.bytes };
}
