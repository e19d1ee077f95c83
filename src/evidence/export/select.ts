// Which of a recipient's records a bundle holds: those whose event falls in [from, to] (and, for a
// moderator's export, in their workspace), every later edit or deletion of those, and the key rotations
// between them (so the bundle shows each hand-over of the signing key). Records come out in chain order.
import type { EvidenceRecord } from '../../core/types.js';
import { eventTime } from '../bundle-format.js';
import { parseLine } from '../record-codec.js';

export interface Selection {
  from?: Date;
  to?: Date;
  workspaceId?: string;
}

export interface SelectedLine {
  line: string;
  record: EvidenceRecord;
}

function inWindow(record: EvidenceRecord, selection: Selection): boolean {
  const time = Date.parse(eventTime(record));
  if (selection.from && !(time >= selection.from.getTime())) return false;
  if (selection.to && !(time <= selection.to.getTime())) return false;
  if (selection.workspaceId !== undefined && record.message?.workspaceId !== selection.workspaceId) return false;
  return true;
}

export async function* selectRecords(lines: AsyncIterable<string>, selection: Selection): AsyncIterable<SelectedLine> {
  const selectedIds = new Set<string>();
  let pendingRotations: SelectedLine[] = [];
  for await (const line of lines) {
    const record = parseLine(line);
    if (record.kind === 'key-rotation') {
      if (selectedIds.size > 0) pendingRotations.push({ line, record });
      continue;
    }
    // A retention-deletion record goes with the tombstones it accounts for (the verifier requires it).
    const followsSelected = record.refersTo !== undefined ? selectedIds.has(record.refersTo) : record.kind === 'retention-deletion' && (record.retention?.records ?? []).some((r) => selectedIds.has(r.id));
    const take = record.kind === 'message' ? inWindow(record, selection) : followsSelected || (record.refersTo === undefined && inWindow(record, selection));
    if (!take) continue;
    yield* pendingRotations;
    pendingRotations = [];
    selectedIds.add(record.id);
    yield { line, record };
  }
}
