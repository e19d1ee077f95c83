// Marks everything a scan archives as imported from a particular file, so a record says it came from an
// export (and which one, by hash) rather than from the live platform.
import type { Analysis, EvidenceSink } from '../core/types.js';

export interface ImportMark {
  sourceFile: string;
  sourceSha256: string;
}

export function markImported(sink: EvidenceSink, mark: ImportMark): EvidenceSink {
  return { archive: (analysis: Analysis) => sink.archive({ ...analysis, imported: mark }) };
}
