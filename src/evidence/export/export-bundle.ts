// Writes a recipient's evidence bundle: records.jsonl (the signed lines, as stored), signatures, a signed
// manifest, report.html and report.pdf. Nothing in the bundle needs the bot to be checked: `acts verify`.
import { mkdir, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceRecord } from '../../core/types.js';
import type { StoredKey } from '../archive-keys.js';
import { BUNDLE_FILES, BUNDLE_FORMAT, SIGNATURES_HEADER, eventTime, manifestSignatureLine, recordSignatureLine, type Manifest, type ManifestKey, type ManifestRange } from '../bundle-format.js';
import type { ExportOptions, ExportResult } from '../contracts.js';
import { EvidenceError } from '../errors.js';
import { fingerprint } from '../signing.js';
import { renderReport } from '../report/render-report.js';
import { renderPdf } from '../report/render-pdf.js';
import type { ArchiveLog } from '../merkle/archive-log.js';
import { BufferedFile } from './buffered-file.js';
import { writeProofs } from './write-proofs.js';
import { chainHash, isTombstone, logLeaf } from '../tombstone.js';
import { selectRecords } from './select.js';
import { toolVersion } from './tool-version.js';

/** What the exporter needs of an archive. */
export interface BundleSource {
  readonly log: ArchiveLog;
  /** The key that signs the manifest and the checkpoint: after a rotation, not necessarily one the records use. */
  readonly keyId: string;
  lines(recipientKey: string, toSeq: number): AsyncIterable<string>;
  firstKeyId(recipientKey: string): Promise<string | undefined>;
  publicKeys(): Promise<Map<string, StoredKey>>;
  signManifest(bytes: Buffer): { keyId: string; sig: string };
}

/** Earlier checkpoints of the same recipient a bundle proves consistency with (the latest ones). */
const MAX_CONSISTENCY = 16;

async function prepareDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const present = await readdir(dir);
  if (present.length > 0) throw new EvidenceError('export', `${dir} is not empty; export into a new folder so no earlier bundle is mixed in`);
}

function earlier(a: EvidenceRecord, b: string | undefined): boolean {
  return b === undefined || Date.parse(eventTime(a)) < Date.parse(b);
}

/** Keys the bundle's records use, plus every key that endorsed them, back to the chain's first key. */
function manifestKeys(used: Set<string>, anchor: string, stored: Map<string, StoredKey>): ManifestKey[] {
  const wanted = new Set([anchor, ...used]);
  for (const id of used) {
    for (let key = id; key !== anchor; ) {
      const previous = stored.get(key)?.previousKeyId;
      if (!previous) break;
      wanted.add(previous);
      key = previous;
    }
  }
  return [...wanted].map((keyId) => {
    const key = stored.get(keyId);
    if (!key) throw new EvidenceError('export', `the public key ${keyId} used in the archive is not in the key registry`);
    return { keyId, publicKey: key.publicKey, fingerprint: fingerprint(keyId), previousKeyId: key.previousKeyId, endorsement: key.endorsement };
  });
}

/**
 * The records were read while a retention run (the bot's daily one, or `acts retention`) replaced some of
 * them: their tombstones were read, but the record that accounts for them lies past the chain head the
 * export's checkpoint was taken with, so the bundle would fail `acts verify`.
 */
class RetentionRanMeanwhile extends Error {}

/** Exports started again after a retention run changed the records being read. */
const EXPORT_ATTEMPTS = 5;

export async function exportBundle(source: BundleSource, options: ExportOptions): Promise<ExportResult> {
  if (options.from && options.to && options.from > options.to) throw new EvidenceError('export', '--from is after --to');
  const outDir = path.resolve(options.outDir);
  for (let attempt = 1; ; attempt++) {
    await prepareDir(outDir);
    try {
      return await writeBundle(source, options, outDir);
    } catch (error) {
      // Half a bundle must not be mistaken for one: the folder was empty, so it goes.
      await rm(outDir, { recursive: true, force: true });
      if (!(error instanceof RetentionRanMeanwhile)) throw error;
      if (attempt >= EXPORT_ATTEMPTS) throw new EvidenceError('export', 'retention kept deleting expired records while the bundle was being written; export again');
    }
  }
}

async function writeBundle(source: BundleSource, options: ExportOptions, outDir: string): Promise<ExportResult> {
  const { head: chainHead, checkpoint } = await source.log.snapshot(options.recipientKey);
  const records = await BufferedFile.create(path.join(outDir, BUNDLE_FILES.records));
  const signatures = await BufferedFile.create(path.join(outDir, BUNDLE_FILES.signatures));
  await signatures.write(`${SIGNATURES_HEADER}\n`);
  const ranges: ManifestRange[] = [];
  const seqs: number[] = [];
  const leaves: Buffer[] = [];
  const used = new Set<string>();
  let count = 0;
  let firstTime: string | undefined;
  let lastTime: string | undefined;
  let head: Manifest['head'] = null;
  const tombstones: string[] = [];
  const accountedFor = new Set<string>();
  try {
    for await (const { line, record } of selectRecords(source.lines(options.recipientKey, chainHead.seq), options)) {
      count++;
      seqs.push(record.seq);
      leaves.push(logLeaf(record, Buffer.from(line, 'utf8')));
      await records.write(`${line}\n`);
      await signatures.write(`${recordSignatureLine(count, record)}\n`);
      const hash = chainHash(record, line);
      const last = ranges[ranges.length - 1];
      if (last && last.lastSeq + 1 === record.seq) Object.assign(last, { lastSeq: record.seq, lastHash: hash });
      else ranges.push({ firstSeq: record.seq, lastSeq: record.seq, prevHash: record.prev, lastHash: hash });
      used.add(record.keyId);
      if (isTombstone(record)) tombstones.push(record.id);
      for (const deleted of record.retention?.records ?? []) accountedFor.add(deleted.id);
      if (record.kind !== 'key-rotation') {
        if (earlier(record, firstTime)) firstTime = eventTime(record);
        if (lastTime === undefined || Date.parse(eventTime(record)) > Date.parse(lastTime)) lastTime = eventTime(record);
      }
      head = { seq: record.seq, hash };
    }
  } catch (error) {
    await Promise.allSettled([records.close(), signatures.close()]);
    throw error;
  }
  const recordsSha = await records.close();
  await signatures.close();
  if (tombstones.some((id) => !accountedFor.has(id))) throw new RetentionRanMeanwhile();
  if (count === 0) {
    // Nothing to hand over: no folder is left behind, and the caller says so in its own words.
    await rm(outDir, { recursive: true, force: true });
    return { outDir, count: 0, files: [] };
  }
  const anchorKeyId = (await source.firstKeyId(options.recipientKey))!;
  used.add(source.keyId);
  const proofs = await writeProofs(source.log, outDir, options.recipientKey, { seqs, leaves }, checkpoint);
  const consistency = [];
  for (const earlier of (await source.log.issued(options.recipientKey)).slice(-MAX_CONSISTENCY)) {
    if (earlier.origin !== checkpoint.origin || earlier.size > checkpoint.size) continue;
    consistency.push({ size: earlier.size, rootHash: earlier.rootHash, proof: await source.log.consistencyProof(earlier.size, checkpoint.size) });
  }
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    tool: toolVersion(),
    recipient: options.recipientKey,
    exportedAt: new Date().toISOString(),
    selection: { from: options.from?.toISOString(), to: options.to?.toISOString(), workspaceId: options.workspaceId },
    count,
    firstTime,
    lastTime,
    head,
    chainHead,
    ranges,
    anchorKeyId,
    keys: manifestKeys(used, anchorKeyId, await source.publicKeys()),
    records: { sha256: recordsSha, bytes: records.bytes },
    proofs,
    checkpoint,
    consistency,
    verifyWith: `npx acts verify ${path.basename(outDir)}`,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await writeFile(path.join(outDir, BUNDLE_FILES.manifest), manifestBytes, { mode: 0o600 });
  const signed = source.signManifest(manifestBytes);
  await appendFile(path.join(outDir, BUNDLE_FILES.signatures), `${manifestSignatureLine(signed.keyId, signed.sig)}\n`);
  await source.log.remember(options.recipientKey, checkpoint);
  const files: string[] = [BUNDLE_FILES.records, BUNDLE_FILES.proofs, BUNDLE_FILES.manifest, BUNDLE_FILES.signatures];
  await renderReport(outDir, { timeZone: options.timeZone });
  files.push(BUNDLE_FILES.html);
  const result: ExportResult = { outDir, count, files };
  if (options.pdf === false) {
    result.pdfSkipped = 'PDF not requested';
  } else {
    const pdf = await renderPdf(path.join(outDir, BUNDLE_FILES.html), path.join(outDir, BUNDLE_FILES.pdf));
    if (pdf.ok) files.push(BUNDLE_FILES.pdf);
    else result.pdfSkipped = pdf.reason;
  }
  return result;
}
