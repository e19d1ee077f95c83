// Storage faults with the real bot process: a database another connection holds the write lock on, a full
// disk (RLIMIT_FSIZE: writes past it fail with EFBIG, as on a full file system), an unusable signing key
// file, a damaged record. Each time the bot logs the fault (structured, no text), keeps what it has,
// retries or stops, and never confirms to Telegram an update it did not store: whatever lies below the
// confirmed offset is in the archive, or durably pending in the bot's inbox (acts.bot.sqlite), from which
// it is retried with back-off (1 s doubling to 60 s) and after every restart until it is archived.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegram/server.js';
import { groupText, type TgUserLike } from '../fakes/telegram/updates.js';
import { dataFiles, inboxPending, readArchive, sqliteIntegrity } from '../harness/archive-after-stop.js';
import { logLines, startBot, until } from '../harness/bot-process.js';
import { telegramBot, TOKEN, type TelegramBotFixture } from '../harness/telegram-bot.js';
import { tempDir } from '../helpers/temp-dir.js';

const ALICE: TgUserLike = { id: 8100001, first_name: 'Alice', username: 'alice_f' };
const BOB: TgUserLike = { id: 8100002, first_name: 'Bob', username: 'bob_f' };
const SENDER: TgUserLike = { id: 8100666, first_name: 'Mallory', username: 'mallory_f' };
const THREAT = 'you are a worthless stupid bitch and I will kill you';

let fixture: TelegramBotFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function run(db: sqlite3.Database, sql: string, ...params: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
}

function all(db: sqlite3.Database, sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as Array<Record<string, unknown>>))));
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve) => db.close(() => resolve()));
}

/** Message ids of the records of one recipient, after the bot stopped. */
async function archivedIds(dataDir: string, person: TgUserLike): Promise<string[]> {
  const records = (await readArchive(dataDir, [`telegram:${person.id}`])).get(`telegram:${person.id}`) ?? [];
  return records.filter((r) => r.kind === 'message').map((r) => r.message!.messageId);
}

function threat(to: TgUserLike, n = 0) {
  return groupText(SENDER, `${THREAT}${n ? ` ${'!'.repeat(n % 3)}` : ''}`, { mention: to });
}

describe('storage faults: the bot never confirms an update it did not store', () => {
  it('waits out a write lock held by another connection, then stores the message once', async () => {
    // A short busy timeout, so the lock shows up in a second rather than after the default 10 s.
    fixture = await telegramBot([ALICE], (dataDir) => ({ ACTS_STORE_URL: `${dataFiles(dataDir).storeUrl}?busy_timeout=300` }));

    const locker = new sqlite3.Database(dataFiles(fixture.dataDir).sqliteFile);
    await run(locker, 'PRAGMA busy_timeout = 5000');
    await run(locker, 'BEGIN IMMEDIATE');
    const update = threat(ALICE);
    const id = fixture.fake.push(update);
    const warning = await fixture.logged('telegram update not committed; it will be fetched again');
    expect(warning).toMatchObject({ updateId: id, code: 'write-failed' });
    const polls = fixture.fake.offsets.length;
    await fixture.fake.until(() => fixture!.fake.offsets.length >= polls + 2, 30_000, 'two more polls');
    expect(fixture.fake.confirmedOffset, 'the update is not confirmed while it cannot be stored').toBeLessThanOrEqual(id);
    await run(locker, 'ROLLBACK');
    await close(locker);

    await fixture.fake.confirmedPast(id, 60_000);
    await fixture.fake.until(() => fixture!.fake.sentTo(ALICE.id).some((c) => /Evidence record/u.test(String(c.params['text']))), 30_000, 'the verdict DM');
    expect((await fixture.bot.stop('SIGTERM')).code).toBe(0);
    expect(await archivedIds(fixture.dataDir, ALICE)).toEqual([String(update.message['message_id'])]);
    expect(fixture.fake.sentTo(ALICE.id).filter((c) => /Evidence record/u.test(String(c.params['text'])))).toHaveLength(1);
  }, 120_000);

  it('on a full disk logs the failed write, confirms only what it stored (archived or pending in the inbox), and archives the rest once after space is back', async () => {
    fixture = await telegramBot([ALICE, BOB]);
    const first = threat(ALICE);
    const firstId = fixture.fake.push(first);
    await fixture.fake.confirmedPast(firstId, 60_000);
    // Restarted so that no file may grow past 40 KiB: enough to open (the WAL index is 32 KiB), and the WAL
    // fills after a few commits. (Below 32 KiB the bot cannot open the database: it logs fatal and exits.)
    await fixture.restart({ fileSizeLimitBlocks: 80 });
    const pushed: Array<{ id: number; messageId: string; to: TgUserLike }> = [];
    for (let n = 1; n <= 8; n += 1) {
      const to = n % 2 ? ALICE : BOB;
      const update = threat(to, n);
      pushed.push({ id: fixture.fake.push(update), messageId: String(update.message['message_id']), to });
    }
    // Either the inbox write fails (the update stays unconfirmed) or the archive write does (the update
    // stays pending in the inbox); both are logged.
    const failure = () => logLines(fixture!.bot.output()).find((l) => l['msg'] === 'telegram update not committed; it will be fetched again' || l['msg'] === 'accepted event failed');
    await until(() => failure() !== undefined, 60_000, 'a logged write failure');
    expect(fixture.bot.child.exitCode, 'the bot keeps running and retries').toBeNull();
    const confirmed = fixture.fake.confirmedOffset;
    await fixture.bot.stop('SIGKILL');

    // Everything Telegram was told is stored, is stored: archived, or pending in the durable inbox.
    const alice = await archivedIds(fixture.dataDir, ALICE);
    const bob = await archivedIds(fixture.dataDir, BOB);
    const pending = await inboxPending(fixture.dataDir);
    const archivedOrPending = (p: { messageId: string; to: TgUserLike }) => (p.to === ALICE ? alice : bob).includes(p.messageId) || pending.some((key) => key.endsWith(`:${p.messageId}`));
    for (const p of pushed.filter((x) => x.id < confirmed)) expect(archivedOrPending(p), `message ${p.messageId}`).toBe(true);

    // Space is back: the inbox is resumed and the rest arrives again; each message is archived once, one DM each.
    fixture.bot = startBot(fixture.env);
    await fixture.fake.confirmedPast(pushed.at(-1)!.id, 60_000);
    const dms = () => [ALICE, BOB].flatMap((p) => fixture!.fake.sentTo(p.id)).filter((c) => /Evidence record/u.test(String(c.params['text'])));
    await until(() => dms().length >= pushed.length + 1, 30_000, 'a DM per message');
    expect((await fixture.bot.stop('SIGTERM')).code).toBe(0);
    expect((await archivedIds(fixture.dataDir, ALICE)).sort()).toEqual([String(first.message['message_id']), ...pushed.filter((p) => p.to === ALICE).map((p) => p.messageId)].sort());
    expect((await archivedIds(fixture.dataDir, BOB)).sort()).toEqual(pushed.filter((p) => p.to === BOB).map((p) => p.messageId).sort());
    expect(new Set(dms().map((c) => /[0-9a-f]{16}-\d+/u.exec(String(c.params['text']))![0])).size).toBe(pushed.length + 1);
    expect(await inboxPending(fixture.dataDir)).toEqual([]);
    expect(await sqliteIntegrity(fixture.dataDir)).toBe('ok');
  }, 180_000);

  it('stops with a structured error and confirms nothing when the signing key file cannot be written or read', async () => {
    const fake = await FakeTelegram.start({ token: TOKEN, holdMs: 100 });
    const dataDir = tempDir('keyfile');
    try {
      const id = fake.push(threat(ALICE));
      const notADir = path.join(dataDir, 'plain-file');
      writeFileSync(notADir, 'not a folder');
      // Cannot be created (its folder is a file), and exists but is no PEM key.
      for (const keyFile of [path.join(notADir, 'signing-key.pem'), notADir]) {
        const bot = startBot({ ACTS_DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, ACTS_SIGNING_KEY_FILE: keyFile });
        const exit = await bot.exited;
        expect(exit.code).not.toBe(0);
        const fatal = logLines(bot.output()).find((l) => l['level'] === 60);
        expect(fatal, bot.output()).toBeDefined();
        expect(bot.output()).not.toContain(TOKEN);
        expect(fake.confirmedOffset).toBeLessThanOrEqual(id);
      }
    } finally {
      await fake.close();
    }
  }, 120_000);

  it('reports a damaged record, refuses to append to that chain (the update stays pending in the inbox and is retried), and goes on storing everyone else\'s messages', async () => {
    fixture = await telegramBot([ALICE, BOB]);
    const first = threat(ALICE);
    const firstId = fixture.fake.push(first);
    await fixture.fake.confirmedPast(firstId, 60_000);
    // Confirmed means stored in the inbox; wait until it is archived (its DM is sent) before damaging it.
    await fixture.fake.until(() => fixture!.fake.sentTo(ALICE.id).some((c) => /Evidence record/u.test(String(c.params['text']))), 30_000, 'Alice\'s first verdict DM');
    expect((await fixture.bot.stop('SIGTERM')).code).toBe(0);

    // One byte of Alice's (encrypted) record flipped on disk, past the append-only trigger.
    const db = new sqlite3.Database(dataFiles(fixture.dataDir).sqliteFile);
    await run(db, 'DROP TRIGGER IF EXISTS evidence_append_only');
    const [row] = await all(db, "SELECT key, value FROM evidence WHERE key LIKE 'evidence:r:%'");
    const value = String(row!['value']);
    const at = Math.floor(value.length / 2);
    await run(db, 'UPDATE evidence SET value = ? WHERE key = ?', value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1), row!['key']);
    await close(db);

    fixture.bot = startBot(fixture.env);
    const toAlice = threat(ALICE, 1);
    const aliceId = fixture.fake.push(toAlice);
    const toBob = threat(BOB, 2);
    const bobId = fixture.fake.push(toBob);
    const aliceKey = `:${String(toAlice.message['message_id'])}`;
    // Stored in the inbox (so confirmed), then archiving it fails: logged, and retried with back-off.
    const failures = () => logLines(fixture!.bot.output()).filter((l) => l['msg'] === 'accepted event failed' && String(l['key']).endsWith(aliceKey));
    await until(() => failures().length >= 2, 60_000, 'a failure and its retry');
    expect(failures().map((l) => l['attempts'])).toEqual([1, 2]);
    expect(failures().every((l) => l['retry'] === true)).toBe(true);
    await fixture.fake.until(() => fixture!.fake.sentTo(BOB.id).some((c) => /Evidence record/u.test(String(c.params['text']))), 60_000, 'Bob\'s verdict DM');
    await fixture.fake.confirmedPast(bobId, 30_000);
    expect(fixture.fake.confirmedOffset, 'the update to the damaged chain is confirmed: it is durably pending').toBeGreaterThan(aliceId);
    expect((await fixture.bot.stop('SIGTERM')).code).toBe(0);
    expect(await inboxPending(fixture.dataDir), 'it stays pending (for the next start) and nothing else does').toEqual([expect.stringMatching(new RegExp(`${aliceKey}$`, 'u'))]);
    expect(await archivedIds(fixture.dataDir, BOB)).toEqual([String(toBob.message['message_id'])]);
    expect(fixture.fake.sentTo(BOB.id).filter((c) => /Evidence record/u.test(String(c.params['text'])))).toHaveLength(1);
    expect(fixture.fake.sentTo(ALICE.id).filter((c) => /Evidence record/u.test(String(c.params['text'])))).toHaveLength(1);
  }, 120_000);
});
