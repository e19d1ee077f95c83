// `acts verify`: checks an evidence bundle with nothing but the bundle — the keys and their endorsements,
// the signed manifest, every record's signature and chain link, and that the manifest's claims (count,
// head, period, ranges, file hash) are what the records show.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLE_FILES, BUNDLE_FORMAT, SIGNATURES_HEADER, type Manifest } from '../bundle-format.js';
import { readByteLines } from '../line-reader.js';
import { PAYLOAD_TYPES, fingerprint, verifySignature } from '../signing.js';
import { checkBundleFiles } from './bundle-files.js';
import { manifestShapeProblem } from './manifest-shape.js';
import { Problems, type VerifyProblem } from './problems.js';
import { LogChecker } from './log-checker.js';
import { RecordWalker } from './record-walker.js';
import { trustedKeys } from './verify-keys.js';

export interface VerifyResult {
  ok: boolean;
  problems: VerifyProblem[];
  /** The first record found bad, by line and id. */
  firstBad?: { line: number; id?: string };
  recipient?: string;
  count: number;
  firstTime?: string;
  lastTime?: string;
  headHash?: string;
  fingerprints: string[];
  /** The signed log checkpoint the records were proven against. */
  checkpoint?: Manifest['checkpoint'];
}

/**
 * The signatures file as the exporter writes it: the header, one line per record in records.jsonl order,
 * the manifest's signature last, each line ended by a line break. It is not signed itself, so any other
 * shape (a line repeated, dropped, moved or added) is reported rather than read past.
 */
function parseSignatures(text: string, problems: Problems): { records: Map<number, string>; manifest?: { keyId: string; sig: string } } {
  const records = new Map<number, string>();
  let manifest: { keyId: string; sig: string } | undefined;
  const problem = (message: string): void => problems.add({ scope: 'signatures', message });
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else problem('does not end with a line break (it was cut or changed)');
  if (lines[0] !== SIGNATURES_HEADER) problem('does not start with the ACTS signatures header');
  let next = 1;
  for (const [i, line] of lines.entries()) {
    if (i === 0) continue;
    const parts = line.split(' ');
    if (manifest) problem(`line ${i + 1} comes after the manifest's signature, which is the last line`);
    if (parts[0] === 'record' && parts.length === 5 && /^[1-9][0-9]{0,15}$/.test(parts[1]!)) {
      const number = Number(parts[1]);
      if (records.has(number)) problem(`lists record ${number} twice`);
      else if (number !== next) problem(`line ${i + 1} is for record ${number}, but record ${next} comes next (lines were removed or reordered)`);
      if (!records.has(number)) records.set(number, parts.slice(2).join(' '));
      next = Math.max(next, number + 1);
    } else if (parts[0] === 'manifest' && parts.length === 3) {
      if (manifest) problem('holds a second signature of the manifest');
      else manifest = { keyId: parts[1]!, sig: parts[2]! };
    } else problem(line.length === 0 ? `has an empty line ${i + 1}` : `has a line it cannot read: ${line.slice(0, 60)}`);
  }
  return { records, manifest };
}

async function fileSha256(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

function compareClaims(manifest: Manifest, walker: RecordWalker, problems: Problems): void {
  const claim = (what: string, stated: unknown, found: unknown): void => {
    if (JSON.stringify(stated) !== JSON.stringify(found)) problems.manifest(`${what} is ${JSON.stringify(stated)} but the records show ${JSON.stringify(found)}`);
  };
  claim('count', manifest.count, walker.count);
  claim('head', manifest.head, walker.lastSeq === undefined ? null : { seq: walker.lastSeq, hash: walker.lastHash });
  claim('firstTime', manifest.firstTime, walker.firstTime);
  claim('lastTime', manifest.lastTime, walker.lastTime);
  claim('ranges', manifest.ranges, walker.ranges);
}

/**
 * Verify answers for any bundle: what its checks cannot foresee (a file it may not read, one removed while
 * it reads) fails the bundle with that error as the problem, instead of leaving the caller an exception.
 */
export async function verifyBundle(dir: string): Promise<VerifyResult> {
  const problems = new Problems();
  try {
    return await checkBundle(dir, problems);
  } catch (error) {
    const reason = error instanceof RangeError ? 'a value in it is nested too deeply or too large' : error instanceof Error ? error.message : String(error);
    problems.add({ scope: 'bundle', message: `cannot be checked: ${reason}` });
    return { ok: false, problems: problems.list, count: 0, fingerprints: [] };
  }
}

async function checkBundle(dir: string, problems: Problems): Promise<VerifyResult> {
  const file = (name: string): string => path.join(dir, name);
  const present = checkBundleFiles(dir, problems);
  if (!present) return { ok: false, problems: problems.list, count: 0, fingerprints: [] };
  const manifestBytes = await readFile(file(BUNDLE_FILES.manifest));
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    const format: unknown = (manifest as Partial<Manifest> | null)?.format;
    if (format !== BUNDLE_FORMAT) throw new Error(`format is ${typeof format === 'string' ? format : typeof format}, expected ${BUNDLE_FORMAT}`);
    const shape = manifestShapeProblem(manifest);
    if (shape) throw new Error(shape);
  } catch (error) {
    problems.manifest(`cannot be read: ${(error as Error).message}`);
    return { ok: false, problems: problems.list, count: 0, fingerprints: [] };
  }
  const signatures = parseSignatures(await readFile(file(BUNDLE_FILES.signatures), 'utf8'), problems);
  const keys = trustedKeys(manifest, problems);
  const signer = signatures.manifest && keys.get(signatures.manifest.keyId);
  if (!signatures.manifest) problems.add({ scope: 'signatures', message: 'holds no signature of the manifest' });
  else if (!signer) problems.manifest(`is signed by key ${signatures.manifest.keyId}, which is not a trusted key of this bundle`);
  else if (!verifySignature(signer, PAYLOAD_TYPES.manifest, manifestBytes, signatures.manifest.sig)) problems.manifest('does not match its signature (it was changed after export)');
  const walker = new RecordWalker(manifest, keys, problems, signatures.records);
  const log = new LogChecker(manifest, keys, problems);
  const proofs = present.has(BUNDLE_FILES.proofs) ? readByteLines(file(BUNDLE_FILES.proofs))[Symbol.asyncIterator]() : undefined;
  for await (const line of readByteLines(file(BUNDLE_FILES.records))) {
    walker.check(line);
    const proof = proofs ? await proofs.next() : undefined;
    log.check(line, walker.lastId, proof && !proof.done ? proof.value : undefined, walker.lastLeaf);
  }
  walker.finish();
  if (proofs && !(await proofs.next()).done) problems.add({ scope: 'bundle', message: 'proofs.jsonl has more lines than records.jsonl' });
  if (signatures.records.size !== walker.count) problems.add({ scope: 'signatures', message: `lists ${signatures.records.size} record signatures for ${walker.count} records` });
  compareClaims(manifest, walker, problems);
  const recordsFile = await fileSha256(file(BUNDLE_FILES.records));
  if (recordsFile.sha256 !== manifest.records?.sha256 || recordsFile.bytes !== manifest.records?.bytes) problems.manifest('states another SHA-256 or size of records.jsonl than the file has');
  const proofsFile = proofs ? await fileSha256(file(BUNDLE_FILES.proofs)) : undefined;
  if (proofsFile?.sha256 !== manifest.proofs?.sha256 || proofsFile?.bytes !== manifest.proofs?.bytes) problems.manifest('states another SHA-256 or size of proofs.jsonl than the file has');
  const bad = problems.firstBadRecord;
  return {
    ok: problems.list.length === 0,
    problems: problems.list,
    firstBad: bad ? { line: bad.line!, id: bad.id } : undefined,
    recipient: manifest.recipient,
    count: walker.count,
    firstTime: walker.firstTime,
    lastTime: walker.lastTime,
    headHash: walker.lastHash,
    fingerprints: [...keys.keys()].map(fingerprint),
    checkpoint: manifest.checkpoint,
  };
}
