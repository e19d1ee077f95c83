// The dev authorship set (irc_authorship_dev.jsonl) and the author-disjoint protocol: enrol on an author's
// `reference` messages, verify bursts of their `query` messages against other authors' query bursts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface AuthorMessages {
  author: string;
  reference: string[];
  query: string[];
}

export function authorshipFile(sharedDir: string): string {
  return path.join(sharedDir, 'data', 'irc_authorship_dev.jsonl');
}

/** Authors in name order, each with messages in file (chronological) order. */
export function loadAuthors(file: string): AuthorMessages[] {
  const byAuthor = new Map<string, AuthorMessages>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { author?: unknown; text?: unknown; role?: unknown };
    if (typeof row.author !== 'string' || typeof row.text !== 'string') continue;
    let a = byAuthor.get(row.author);
    if (!a) byAuthor.set(row.author, (a = { author: row.author, reference: [], query: [] }));
    (row.role === 'query' ? a.query : a.reference).push(row.text);
  }
  return [...byAuthor.values()].sort((x, y) => (x.author < y.author ? -1 : x.author > y.author ? 1 : 0));
}

/** Fold of an author for author-disjoint cross-validation: a hash of the name, so it never depends on order. */
export function authorFold(author: string, folds: number): number {
  return createHash('sha256').update(author).digest().readUInt32BE(0) % folds;
}

/** Consecutive, non-overlapping bursts of `size` items (a short tail is dropped). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i + size <= items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
