// Opens a stopped bot's data folder the way `acts export` does, to count what it archived, and runs
// SQLite's own integrity check on the database file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { EvidenceRecord } from '../../src/core/types.js';
import { openArchiveFromConfig } from '../../src/evidence/open-from-config.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';

export function dataFiles(dataDir: string) {
  return {
    storeUrl: `sqlite://${path.join(dataDir, 'acts.sqlite')}`,
    sqliteFile: path.join(dataDir, 'acts.sqlite'),
    /** The bot's own state (inbox, registry, DM queue) when ACTS_STORE_URL is unset. */
    botSqliteFile: path.join(dataDir, 'acts.bot.sqlite'),
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

/** `PRAGMA integrity_check` of the evidence and bot SQLite files: 'ok' when both are clean. */
export async function sqliteIntegrity(dataDir: string): Promise<string> {
  const store = new SqliteStore({ file: dataFiles(dataDir).sqliteFile, namespace: 'evidence' });
  let evidence: string;
  try {
    evidence = await store.integrityCheck();
  } finally {
    await store.close();
  }
  const botFile = dataFiles(dataDir).botSqliteFile;
  if (evidence !== 'ok' || !existsSync(botFile)) return evidence;
  const rows = await botQuery(botFile, 'PRAGMA integrity_check');
  return String(Object.values(rows[0] ?? {})[0]);
}

/** Keys of the events still pending in the bot's durable inbox (e.g. `dedup:telegram:msg:CHAT:MESSAGE`). */
export async function inboxPending(dataDir: string): Promise<string[]> {
  const files = dataFiles(dataDir);
  const file = existsSync(files.botSqliteFile) ? files.botSqliteFile : files.sqliteFile;
  const rows = await botQuery(file, "SELECT key FROM bot WHERE key LIKE 'bot:dedup:%' AND value LIKE '%pending%'");
  return rows.map((r) => String(r['key']).slice('bot:'.length));
}

function botQuery(file: string, sql: string): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => {
      if (error) return reject(error);
      db.all(sql, (queryError, rows) => db.close(() => (queryError ? reject(queryError) : resolve(rows as Array<Record<string, unknown>>))));
    });
  });
}
