// Evidence at rest is encrypted with AES-256-GCM under a key kept outside the database: the message text
// is nowhere in the SQLite files, and a wrong key, a lost key or a flipped byte is reported, never decoded.
import { readFileSync, statSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openEvidenceArchive } from '../../src/evidence/archive.js';
import { analysis, tempArchive, type TempArchive } from './fixtures.js';

let temp: TempArchive;
afterEach(() => temp?.cleanup());

const SECRET = 'the secret text that must never be on disk in clear';

function dbFiles(t: TempArchive): Buffer {
  const file = t.storeUrl.replace('sqlite://', '');
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

async function sql(t: TempArchive, statements: string[]): Promise<Array<Record<string, unknown>>> {
  const db = new sqlite3.Database(t.storeUrl.replace('sqlite://', ''));
  const all = promisify(db.all).bind(db) as (sql: string) => Promise<Array<Record<string, unknown>>>;
  let rows: Array<Record<string, unknown>> = [];
  for (const statement of statements) rows = await all(statement);
  await promisify(db.close).bind(db)();
  return rows;
}

describe('evidence encrypted at rest', () => {
  it('keeps the message text, names and recipient out of the database files; the key file is 0600', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    await archive.archive(analysis(1, { text: SECRET, author: { id: 'U666', displayName: 'Very Distinct Name' } }, 'email:victim@example.org'));
    await archive.close();
    const bytes = dbFiles(temp);
    expect(bytes.length).toBeGreaterThan(0);
    for (const clear of [SECRET, 'Very Distinct Name', 'victim@example.org']) expect(bytes.includes(Buffer.from(clear))).toBe(false);
    expect(statSync(temp.encryptionKeyFile).mode & 0o777).toBe(0o600);
    const reopened = await temp.open();
    const records = [];
    for await (const r of reopened.records('email:victim@example.org')) records.push(r);
    expect(records[0]!.message!.text).toBe(SECRET);
    await reopened.close();
  });

  it('refuses to start with the wrong key, or with no key for an encrypted store', async () => {
    temp = tempArchive();
    await (await temp.open()).close();
    const right = readFileSync(temp.encryptionKeyFile);
    writeFileSync(temp.encryptionKeyFile, `${randomBytes(32).toString('base64')}\n`);
    await expect(temp.open()).rejects.toThrow(/is not the key this evidence store was encrypted with/);
    unlinkSync(temp.encryptionKeyFile);
    await expect(temp.open()).rejects.toThrow(/is encrypted but its key file .* is missing/);
    expect(existsSync(temp.encryptionKeyFile)).toBe(false);
    writeFileSync(temp.encryptionKeyFile, right, { mode: 0o600 });
    await (await temp.open()).close();
  });

  it('reports a flipped byte in a stored record instead of decoding it, and exports nothing', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    const { id } = await archive.archive(analysis(1, { text: SECRET }));
    await archive.archive(analysis(2));
    await archive.close();
    // Disk damage, not an API write: the append-only trigger is dropped first.
    const rows = await sql(temp, ["SELECT key, value FROM evidence WHERE key LIKE 'evidence:r:%' ORDER BY key LIMIT 1"]);
    const stored = JSON.parse(rows[0]!.value as string) as { value: string };
    const raw = Buffer.from(stored.value.slice(3), 'base64');
    raw[20]! ^= 0x01;
    const damaged = JSON.stringify({ value: `e1.${raw.toString('base64')}` }).replace(/'/g, "''");
    await sql(temp, ['DROP TRIGGER evidence_append_only', `UPDATE evidence SET value = '${damaged}' WHERE key = '${rows[0]!.key as string}'`]);

    const reopened = await temp.open();
    await expect(reopened.record(id)).rejects.toThrow(/cannot decrypt stored entry r:.*: wrong encryption key, or the stored bytes were changed/);
    const out = path.join(temp.dir, 'bundle');
    await expect(reopened.exportBundle({ recipientKey: 'discord:U1', outDir: out, pdf: false })).rejects.toThrow(/cannot decrypt/);
    expect(existsSync(out)).toBe(false);
    await reopened.close();
  });

  it('reports a changed chain head or log hash, which are stored in clear', async () => {
    temp = tempArchive();
    const archive = await temp.open();
    for (let n = 0; n < 4; n++) await archive.archive(analysis(n));
    await archive.close();
    // One hex digit of one stored subtree hash (the value is {"value":"<64 hex>"}); whoever edits the file
    // directly can drop the append-only trigger first.
    await sql(temp, [`DROP TRIGGER evidence_append_only`, `UPDATE evidence SET value = substr(value, 1, 10) || CASE substr(value, 11, 1) WHEN 'a' THEN 'b' ELSE 'a' END || substr(value, 12) WHERE key = 'evidence:n:01:000000000000'`]);
    let reopened = await temp.open();
    await expect(reopened.exportBundle({ recipientKey: 'discord:U1', outDir: path.join(temp.dir, 'b1'), pdf: false })).rejects.toThrow(/do not lead to its root: the store was damaged/);
    await reopened.close();
    await sql(temp, [`UPDATE evidence SET value = replace(value, 'seq\\":3', 'seq\\":2') WHERE key LIKE 'evidence:h:%'`]);
    reopened = await temp.open();
    await expect(reopened.archive(analysis(9))).rejects.toThrow(/stored chain head of discord:U1 does not match its last record/);
    await reopened.close();
  });

  it('never mixes encrypted and clear records in one store', async () => {
    temp = tempArchive();
    await (await temp.open()).close();
    await expect(openEvidenceArchive({ storeUrl: temp.storeUrl, keyFile: temp.keyFile })).rejects.toThrow(/this evidence store is encrypted: open it with its key/);
    const plain = tempArchive();
    try {
      const archive = await openEvidenceArchive({ storeUrl: plain.storeUrl, keyFile: plain.keyFile });
      await archive.archive(analysis(1));
      await archive.close();
      await expect(plain.open()).rejects.toThrow(/holds unencrypted records/);
    } finally {
      plain.cleanup();
    }
  });
});
