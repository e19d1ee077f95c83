// `npm start` as a user runs it: the real composition root in its own process, the shipped models, SQLite
// and the signed archive in a temporary data folder, telegraf polling a fake Bot API named by
// TELEGRAM_API_ROOT. Then the admin tools on the same folder: `acts export` and `acts verify`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegram/server.js';
import { command, GROUP, groupText } from '../fakes/telegram/updates.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VICTIM = { id: 7770001, first_name: 'Vera', username: 'vera_v' };
const SENDER = { id: 7770666, first_name: 'Mallory', username: 'mallory' };

function startBot(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

function acts(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['src/cli/acts.mjs', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 120_000 });
}

describe('npm start with no credentials', () => {
  it('says what to set, mentions offline scanning, and exits non-zero', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('TELEGRAM_BOT_TOKEN');
    expect(result.stderr).toContain('DISCORD_TOKEN');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(result.stderr).toContain('acts scan');
  });
});

describe('npm start against a fake Telegram, then export and verify', () => {
  const token = '123456:TEST-token-never-logged';
  let fake: FakeTelegram;
  let dataDir: string;
  let bot: ReturnType<typeof startBot>;
  let env: Record<string, string>;
  /** Every message text the test sends, and everything the admin tools print: scanned at the end. */
  const sentTexts: string[] = [];
  let toolOutput = '';

  beforeAll(async () => {
    fake = await FakeTelegram.start({ token });
    dataDir = tempDir('start');
    env = { ACTS_DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: fake.apiRoot, ACTS_LOG_LEVEL: 'debug' };
    bot = startBot(env);
  });

  afterAll(async () => {
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake.close();
  });

  it('protects a person who opts in, sends them one verdict DM for a threat and nothing to the sender', async () => {
    fake.push(command(VICTIM, '/protect'));
    await fake.until(() => fake.sentTo(VICTIM.id).length > 0, 60_000, 'the /protect reply');

    const before = fake.sentTo(VICTIM.id).length;
    sentTexts.push('/protect', 'have a lovely day everyone', 'you are a worthless stupid bitch and I will kill you', 'garbled update body text 5150');
    fake.push(groupText(SENDER, 'have a lovely day everyone', { mention: VICTIM }));
    // A malformed update (a message id that is not a number) is logged and skipped: its text must not be logged.
    fake.push({ message: { message_id: 'not-a-number', date: 1, chat: GROUP, from: SENDER, text: 'garbled update body text 5150' } });
    const threat = groupText(SENDER, 'you are a worthless stupid bitch and I will kill you', { mention: VICTIM });
    const id = fake.push(threat);
    await fake.until(() => fake.sentTo(VICTIM.id).length > before, 60_000, 'the verdict DM');
    await fake.confirmedPast(id, 30_000);

    const verdicts = fake.sentTo(VICTIM.id).slice(before);
    expect(verdicts).toHaveLength(1);
    expect(String(verdicts[0]!.params['text'])).toMatch(/cyberstalking/i);
    expect(fake.sentTo(SENDER.id)).toHaveLength(0);
    expect(fake.sentTo(GROUP.id)).toHaveLength(0);

    // The running bot holds the data folder: a key rotation under it would fork the signing key.
    const rotation = acts(['rotate-key'], env);
    expect(rotation.status).toBe(1);
    expect(rotation.stderr).toMatch(/another ACTS bot is running on .*stop it first/);
    toolOutput += rotation.stdout + rotation.stderr;
  }, 150_000);

  it('refuses a second bot on the same data folder, after waiting for it to free up, and the first keeps working', async () => {
    const second = startBot(env);
    const code = await new Promise<number | null>((resolve) => second.child.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(second.output()).toMatch(/another ACTS bot is running on .*stop it first/);
    expect(second.output()).not.toContain('acts bot running');
    toolOutput += second.output();

    const before = fake.sentTo(VICTIM.id).length;
    sentTexts.push('shut up you pathetic loser, nobody wants you here');
    const id = fake.push(groupText(SENDER, 'shut up you pathetic loser, nobody wants you here', { mention: VICTIM }));
    await fake.until(() => fake.sentTo(VICTIM.id).length > before, 60_000, 'the first bot\'s verdict DM');
    await fake.confirmedPast(id, 30_000);
    expect(bot.child.exitCode).toBeNull();
  }, 90_000);

  it('stops cleanly on SIGTERM and never logs the token or the message text', async () => {
    const exited = new Promise<number | null>((resolve) => bot.child.once('exit', (code) => resolve(code)));
    bot.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const logs = bot.output();
    expect(logs).toContain('acts bot running');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain('worthless stupid');
  }, 60_000);

  it('exports the protected person\'s evidence as a bundle that verifies offline', () => {
    const out = path.join(dataDir, 'bundle');
    const exported = acts(['export', '--recipient', `telegram:${VICTIM.id}`, '--out', out], env);
    expect(exported.status, exported.stderr).toBe(0);
    const records = readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { message: { messageId: string; text: string; author: { id: string } } });
    // The threat, and the insult sent while a second bot was being refused.
    expect(records).toHaveLength(2);
    for (const record of records) expect(record.message.author.id).toBe(String(SENDER.id));
    expect(records.map((r) => r.message.text).join('\n')).toContain('I will kill you');
    expect(records.map((r) => r.message.text).join('\n')).toContain('pathetic loser');
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    const verified = acts(['verify', out], env);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    toolOutput += exported.stdout + exported.stderr + verified.stdout + verified.stderr;
    const refused = acts(['export', '--recipient', `telegram:${SENDER.id}`, '--out', path.join(dataDir, 'none')], env);
    expect(refused.status).not.toBe(0);
    toolOutput += refused.stdout + refused.stderr;
  }, 150_000);

  it('rotates the signing key once the bot has stopped, and the next bundle still verifies', () => {
    const rotation = acts(['rotate-key'], env);
    expect(rotation.status, rotation.stderr).toBe(0);
    expect(rotation.stdout).toMatch(/1 chains carry the hand-over/);
    const out = path.join(dataDir, 'bundle-after-rotation');
    const exported = acts(['export', '--recipient', `telegram:${VICTIM.id}`, '--out', out, '--no-pdf'], env);
    expect(exported.status, exported.stderr).toBe(0);
    const verified = acts(['verify', out], env);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    // The record from before the rotation is still checked against the key that signed it.
    const previous = /previous key ([0-9a-f ]+)\n/.exec(rotation.stdout)?.[1];
    expect(previous).toBeDefined();
    expect(verified.stdout).toContain(previous!);
    toolOutput += rotation.stdout + rotation.stderr + exported.stdout + exported.stderr + verified.stdout + verified.stderr;
  }, 150_000);

  it('no log or error output of the bot or the admin tools holds the token, either key, or any message text', () => {
    const pem = readFileSync(path.join(dataDir, 'signing-key.pem'), 'utf8');
    const pemBody = pem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----')).join('');
    const evidenceKey = readFileSync(path.join(dataDir, 'evidence.key'), 'utf8').trim();
    const keyBytes = Buffer.from(evidenceKey, 'base64');
    expect(pemBody.length).toBeGreaterThan(40);
    expect(keyBytes).toHaveLength(32);
    const all = bot.output() + toolOutput;
    expect(all).toContain('acts bot running');
    expect(all).toMatch(/telegram update skipped: malformed/);
    const secrets: Array<[string, string]> = [
      ['the bot token', token],
      ['the token secret part', token.split(':')[1]!],
      ['the signing key (PEM body)', pemBody],
      ['the signing key (any PEM line)', pem.split('\n').find((l) => l.length > 40)!],
      ['the evidence key (base64)', evidenceKey],
      ['the evidence key (hex)', keyBytes.toString('hex')],
      ...sentTexts.filter((t) => t.length > 8).map((t): [string, string] => [`message text "${t}"`, t]),
      ['a fragment of the threat', 'worthless stupid'],
    ];
    for (const [what, secret] of secrets) expect(all.includes(secret), `${what} appears in the output`).toBe(false);
  });
});
