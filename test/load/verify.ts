// After the run, from the data folder alone: every harmful message acknowledged is in its recipient's
// signed archive exactly once, and every acknowledged event carries a done marker (none left pending).
import { existsSync } from 'node:fs';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { loadConfig } from '../../src/config/config.js';
import { openArchiveFromConfig } from '../../src/evidence/open-from-config.js';
import { sqliteFile } from '../../src/storage/open-store.js';
import type { LoadTarget, Sent } from './target.js';

type Query = (sql: string, ...params: unknown[]) => Promise<Array<Record<string, unknown>>>;

export async function checkDataFolder(env: Record<string, string>, target: LoadTarget, accepted: Sent[], protectedCount: number) {
  const config = loadConfig(env);
  const archive = await openArchiveFromConfig(config);
  const archived = new Map<string, number>();
  try {
    for (let i = 0; i < protectedCount; i += 1) {
      for await (const record of archive.records(target.recipientKey(i))) {
        const id = record.message?.messageId;
        if (id) archived.set(id, (archived.get(id) ?? 0) + 1);
      }
    }
  } finally {
    await archive.close();
  }
  const harmful = accepted.filter((s) => s.kind === 'harmful');
  // The bot keeps its own store in acts.bot.sqlite; a checkout from before that split keeps it in acts.sqlite.
  const botFile = path.join(config.dataDir, 'acts.bot.sqlite');
  const file = existsSync(botFile) ? botFile : sqliteFile(config.storeUrl);
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table: 'bot' });
  const query = adapter.query as Query;
  const count = async (sql: string): Promise<number> => Number(Object.values((await query(sql, `${target.dedupPrefix}%`))[0] ?? {})[0] ?? 0);
  const processedMarkers = await count("SELECT count(*) FROM bot WHERE key LIKE ? AND value NOT LIKE '%pending%'");
  const pendingEvents = await count("SELECT count(*) FROM bot WHERE key LIKE ? AND value LIKE '%pending%'");
  await adapter.disconnect();
  return {
    accepted: accepted.length,
    harmfulAccepted: harmful.length,
    harmfulArchived: harmful.filter((s) => archived.get(s.id) === 1).length,
    duplicates: [...archived.values()].filter((n) => n > 1).length,
    processedMarkers,
    pendingEvents,
  };
}
