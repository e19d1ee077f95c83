// Shapes shared by `acts eval` and `acts bench`: each area contributes a section, the command prints them.

export interface EvalSection {
  title: string;
  /** Rows for the printed table: first row is the header. */
  table: string[][];
  /** Figures for `--json`, merged into one object under `key`. */
  key: string;
  json: Record<string, unknown>;
}

export interface BenchSection {
  title: string;
  /** Human-readable lines. */
  lines: string[];
  /** Flat keys merged into the single JSON object `acts bench --json` prints last. */
  json: Record<string, number | string>;
}

export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
