// Opens a stopped bot's data folder the way `acts export` does, to count what it archived, and runs
// SQLite's own integrity check on the database file.
import path from 'node:path';
import type { EvidenceRecord } from '../../src/core/types.js';
import { openArchiveFromConfig } from '../../src/evidence/open-from-config.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';

export function dataFiles(dataDir: string) {
  return {
    storeUrl: `sqlite://${path.join(dataDir, 'acts.sqlite')}`,
    sqliteFile: path.join(dataDir, 'acts.sqlite'),
    signingKeyFile: path.join(dataDir, 'signing-key.pem'),
    evidenceKeyFile: path.join(dataDir, 'evidence.key'),
  };
}

/** Every recipient's records, in chain order. Call only while no bot runs on `dataDir`. */
export async function readArchive(dataDir: string, only?: string[]): Promise<Map<string, EvidenceRecord[]>> {
  const archive = await openArchiveFromConfig(dataFiles(dataDir));
  try {
    const out = new Map<string, EvidenceRecord[]>();
    for (const recipient of only ?? (await archive.recipients())) {
      const records: EvidenceRecord[] = [];
      for await (const record of archive.records(recipient)) records.push(record);
      out.set(recipient, records);
    }
    return out;
  } finally {
    await archive.close();
  }
}

/** `PRAGMA integrity_check` of the bot's SQLite file: 'ok' when clean. */
export async function sqliteIntegrity(dataDir: string): Promise<string> {
  const store = new SqliteStore({ file: dataFiles(dataDir).sqliteFile, namespace: 'evidence' });
  try {
    return await store.integrityCheck();
  } finally {
    await store.close();
  }
}
