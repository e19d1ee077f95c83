// Reads the team's labelled development sets (OLID, Davidson) from the shared data folder.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface OlidRow {
  text: string;
  offensive: boolean;
  /** Sub-task B: a targeted insult or threat (TIN). */
  targeted: boolean;
  /** Sub-task C: the target is an individual. */
  individual: boolean;
  fold: number;
}

export interface DavidsonRow {
  text: string;
  label: 'hate_speech' | 'offensive_language' | 'neither';
  harmful: boolean;
  fold: number;
}

function readJsonl(file: string): Record<string, unknown>[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}): set ACTS_SHARED_DIR to the folder holding data/`);
  }
  return raw
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function readOlid(sharedDir: string): OlidRow[] {
  return readJsonl(path.join(sharedDir, 'data', 'olid_train.jsonl')).map((r) => ({
    text: String(r.text),
    offensive: r.label === 'OFF',
    targeted: r.subtask_b === 'TIN',
    individual: r.subtask_c === 'IND',
    fold: Number(r.fold),
  }));
}

export function readDavidson(sharedDir: string): DavidsonRow[] {
  return readJsonl(path.join(sharedDir, 'data', 'davidson_dev.jsonl')).map((r) => ({
    text: String(r.text),
    label: r.label as DavidsonRow['label'],
    harmful: r.harmful === true,
    fold: Number(r.fold),
  }));
}
