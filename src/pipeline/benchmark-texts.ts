// Texts for the pipeline benchmark: the development data's messages when ../shared is there (real length
// and vocabulary), otherwise generated sentences of similar length. Read at run time, never shipped.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../cli/shared-dir.js';

const FILES = ['olid_train.jsonl', 'davidson_dev.jsonl', 'irc_authorship_dev.jsonl'];

function fromSharedData(): string[] {
  const texts: string[] = [];
  for (const file of FILES) {
    const full = path.join(sharedDir(), 'data', file);
    if (!existsSync(full)) continue;
    for (const line of readFileSync(full, 'utf8').split('\n')) {
      if (!line) continue;
      const text = (JSON.parse(line) as { text?: unknown }).text;
      if (typeof text === 'string') texts.push(text);
    }
  }
  return texts;
}

function generated(count: number): string[] {
  const words = ['hey', 'you', 'are', 'the', 'worst', 'see', 'soon', 'meeting', 'at', 'noon', 'birthday', 'party', 'why', 'ignore', 'me', 'lol', 'ok', 'thanks', 'know', 'where', 'live'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  return Array.from({ length: count }, () => Array.from({ length: 4 + (next() % 16) }, () => words[next() % words.length]).join(' '));
}

/** `count` texts, cycling through the source in a fixed order. */
export function benchmarkTexts(count: number): string[] {
  const source = fromSharedData();
  const pool = source.length > 0 ? source : generated(count);
  return Array.from({ length: count }, (_, i) => pool[(i * 7919) % pool.length]!);
}
