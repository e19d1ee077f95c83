// Checks a bundle against the archive's log: the checkpoint's signature, one inclusion proof per record
// leading from that record's exact bytes to the signed root, no leaf claimed twice, and the consistency
// proofs from the checkpoints of earlier bundles.
import type { KeyObject } from 'node:crypto';
import type { Manifest } from '../bundle-format.js';
import { decodeUtf8, type ByteLine } from '../line-reader.js';
import { checkpointSignatureValid } from '../merkle/checkpoint.js';
import { leafHash, verifyConsistency, verifyInclusion, type InclusionSteps } from '../merkle/rfc6962.js';
import type { Problems } from './problems.js';

const HASH = /^[0-9a-f]{64}$/;
/** Proof steps remembered at most (about 2 per record): beyond, the memory is given back and refilled. */
const STEPS_LIMIT = 1_000_000;

/** Hashes read from proofs, by their hex: neighbouring records' proofs repeat most of theirs. */
const DECODED_LIMIT = 200_000;

function hashes(value: unknown, decoded = new Map<string, Buffer>()): Buffer[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (decoded.size > DECODED_LIMIT) decoded.clear();
  const out: Buffer[] = [];
  for (const h of value as unknown[]) {
    if (typeof h !== 'string') return undefined;
    let hash = decoded.get(h);
    if (hash === undefined) {
      if (!HASH.test(h)) return undefined;
      decoded.set(h, (hash = Buffer.from(h, 'hex')));
    }
    out.push(hash);
  }
  return out;
}

export class LogChecker {
  private readonly root?: Buffer;
  private readonly seen = new Set<number>();
  /** Shared by every proof: they are all against the one checkpoint's tree size. */
  private readonly steps: InclusionSteps = new Map();
  private readonly decoded = new Map<string, Buffer>();

  constructor(
    private readonly manifest: Manifest,
    keys: Map<string, KeyObject>,
    private readonly problems: Problems,
  ) {
    const checkpoint = manifest.checkpoint;
    const key = checkpoint && keys.get(checkpoint.keyId);
    if (!checkpoint || !key) problems.manifest(`has no log checkpoint signed by a trusted key`);
    else if (!checkpointSignatureValid(checkpoint, key)) problems.manifest('has a log checkpoint whose signature does not match');
    else this.root = Buffer.from(checkpoint.rootHash, 'hex');
    if (this.root) this.checkConsistency();
  }

  private checkConsistency(): void {
    for (const earlier of Array.isArray(this.manifest.consistency) ? this.manifest.consistency : []) {
      const proof = hashes(earlier.proof);
      const ok = proof && typeof earlier.rootHash === 'string' && HASH.test(earlier.rootHash) && verifyConsistency(earlier.size, this.manifest.checkpoint.size, Buffer.from(earlier.rootHash, 'hex'), this.root!, proof);
      if (!ok) this.problems.manifest(`the consistency proof from the earlier log of ${earlier.size} records does not hold`);
    }
  }

  /** Checks the proof on line `proof` for the record on `record`; false (problem noted) when it fails. */
  check(record: ByteLine, id: string | undefined, proof: ByteLine | undefined, leaf: Buffer = leafHash(record.bytes)): boolean {
    if (!this.root) return true;
    const fail = (message: string): false => (this.problems.record(record.number, id, message), false);
    if (!proof) return fail('has no inclusion proof in proofs.jsonl');
    let parsed: { index?: unknown; path?: unknown } | null;
    try {
      parsed = JSON.parse(decodeUtf8(proof.bytes) ?? '') as typeof parsed;
    } catch {
      return fail('has an inclusion proof that cannot be read');
    }
    // Any JSON value parses, `null` included; only an object with both fields is a proof.
    const path = hashes(parsed?.path, this.decoded);
    const index = parsed?.index;
    if (typeof index !== 'number' || !path) return fail('has an inclusion proof that cannot be read');
    if (this.seen.has(index)) return fail(`claims leaf ${index} of the log, which another record already claimed`);
    this.seen.add(index);
    if (this.steps.size > STEPS_LIMIT) this.steps.clear();
    if (!verifyInclusion(index, this.manifest.checkpoint.size, leaf, path, this.root, this.steps)) {
      return fail(`is not leaf ${index} of the signed log checkpoint (its inclusion proof does not lead to the signed root)`);
    }
    return true;
  }
}
