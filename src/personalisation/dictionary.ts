// The code dictionary of affect and threat words that ships in models/, plus each recipient's additions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Severity = 'high' | 'medium';

export interface DictionaryEntry {
  id: string;
  phrase: string;
  category: string;
  severity: Severity;
}

export const DEFAULT_DICTIONARY_FILE = fileURLToPath(new URL('../../models/affect-dictionary.json', import.meta.url));

export class DictionaryError extends Error {
  constructor(file: string, problem: string) {
    super(`affect dictionary ${file}: ${problem}`);
    this.name = 'DictionaryError';
  }
}

function isEntry(value: unknown): value is DictionaryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === 'string' && typeof e.phrase === 'string' && typeof e.category === 'string' && (e.severity === 'high' || e.severity === 'medium');
}

export function loadDictionary(file = DEFAULT_DICTIONARY_FILE): DictionaryEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DictionaryError(file, (error as Error).message);
  }
  const entries = (doc as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new DictionaryError(file, 'no "entries" array');
  const bad = entries.findIndex((e) => !isEntry(e));
  if (bad >= 0) throw new DictionaryError(file, `entry ${bad} needs string id, phrase, category and severity high|medium`);
  return entries as DictionaryEntry[];
}
