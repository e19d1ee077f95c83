// Renders report.html from the bundle's own files (so the report shows exactly what the bundle proves):
// one pass for the summary and the order of incidents, a second to write them, reading each line back by
// its offset, so a 100,000-record bundle never sits in memory at once.
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceRecord } from '../../core/types.js';
import { BUNDLE_FILES, type Manifest } from '../bundle-format.js';
import { BufferedFile } from '../export/buffered-file.js';
import { LineWindow, readByteLines } from '../line-reader.js';
import { defaultTimeZone, timeFormatter } from './format-time.js';
import { renderIncident } from './incident.js';
import { pageEnd, pageStart } from './page.js';
import { SummaryBuilder } from './summary.js';
import { escapeHtml } from './escape.js';

const IN_MEMORY_LIMIT = 64 * 1024 * 1024;

interface Pointer {
  time: number;
  seq: number;
  offset: number;
  length: number;
}

export async function renderReport(bundleDir: string, options: { timeZone?: string } = {}): Promise<string> {
  const timeZone = options.timeZone ?? defaultTimeZone();
  const time = timeFormatter(timeZone);
  const manifest = JSON.parse(await readFile(path.join(bundleDir, BUNDLE_FILES.manifest), 'utf8')) as Manifest;
  const recordsFile = path.join(bundleDir, BUNDLE_FILES.records);
  const summary = new SummaryBuilder();
  const pointers: Pointer[] = [];
  const later = new Map<string, EvidenceRecord[]>();
  const retention = { deleted: 0, rules: new Set<string>() };
  for await (const line of readByteLines(recordsFile)) {
    const record = JSON.parse(line.bytes.toString('utf8')) as EvidenceRecord;
    summary.add(record);
    if (record.kind === 'message' && record.message) {
      pointers.push({ time: Date.parse(record.message.sentAt), seq: record.seq, offset: line.offset, length: line.bytes.length });
    } else if ((record.kind === 'edit' || record.kind === 'deletion') && record.refersTo) {
      later.set(record.refersTo, [...(later.get(record.refersTo) ?? []), record]);
    } else if (record.kind === 'tombstone') {
      retention.deleted++;
      if (typeof record.tombstone?.rule === 'string') retention.rules.add(record.tombstone.rule);
    }
  }
  pointers.sort((a, b) => a.time - b.time || a.seq - b.seq);
  const outFile = path.join(bundleDir, BUNDLE_FILES.html);
  const out = await BufferedFile.create(outFile);
  const handle = await open(recordsFile, 'r');
  // A bundle of ordinary size is read back in one go; only a huge one is read record by record.
  const whole = (await handle.stat()).size <= IN_MEMORY_LIMIT ? await handle.readFile() : undefined;
  try {
    await out.write(pageStart(manifest, summary.build(), time, timeZone));
    if (retention.deleted > 0) {
      // Said plainly, so a reader does not take the gaps for missing evidence.
      await out.write(`<section><h2>Deleted under the retention period</h2><p>${retention.deleted} record(s) of this period were deleted under ${escapeHtml([...retention.rules].join(', '))}. Each kept its place in the chain as a signed tombstone with the deleted record's hash, so the chain and the log still verify; the content is gone.</p></section>\n`);
    }
    let n = 0;
    const window = new LineWindow(handle);
    for (const pointer of pointers) {
      const bytes = whole ? whole.subarray(pointer.offset, pointer.offset + pointer.length) : await window.read(pointer.offset, pointer.length);
      const record = JSON.parse(bytes.toString('utf8')) as EvidenceRecord;
      await out.write(renderIncident(++n, record, later.get(record.id) ?? [], time));
    }
    await out.write(pageEnd(manifest));
  } finally {
    await handle.close();
    await out.close();
  }
  return outFile;
}
