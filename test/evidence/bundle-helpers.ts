// Helpers for tests that export bundles and then change them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const recordsFile = (dir: string): string => path.join(dir, 'records.jsonl');

export function readLines(dir: string): string[] {
  return readFileSync(recordsFile(dir), 'utf8').split('\n').filter((l) => l.length > 0);
}

export function writeLines(dir: string, lines: string[]): void {
  writeFileSync(recordsFile(dir), lines.map((l) => `${l}\n`).join(''));
}

export function idOf(line: string): string {
  return (JSON.parse(line) as { id: string }).id;
}

/** Captures what a CLI command writes to stdout and stderr. */
export async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await fn();
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}
