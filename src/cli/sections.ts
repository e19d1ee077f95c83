// Finds the eval / bench sections each area contributes (src/<area>/evaluate.ts, src/<area>/benchmark.ts),
// so adding an area's figures needs no edit here.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const SRC = fileURLToPath(new URL('..', import.meta.url));

export async function loadSections<T>(fileName: string, exportName: string, only?: string[]): Promise<Array<{ area: string; fn: (opts: never) => Promise<T> }>> {
  const found: Array<{ area: string; fn: (opts: never) => Promise<T> }> = [];
  // The pipeline goes first so that its peak memory is measured before other sections load baselines.
  const areas = readdirSync(SRC).sort((a, b) => Number(b === 'pipeline') - Number(a === 'pipeline') || a.localeCompare(b));
  for (const area of areas) {
    if (only && only.length > 0 && !only.includes(area)) continue;
    const file = path.join(SRC, area, fileName);
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const fn = mod[exportName];
    if (typeof fn === 'function') found.push({ area, fn: fn as (opts: never) => Promise<T> });
  }
  return found;
}
