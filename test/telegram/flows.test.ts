import { afterEach, describe, expect, it } from 'vitest';
import { startTelegram } from '../../adapters/telegram/start.js';
import { THREAT } from '../doubles/analyser.js';
import { captureLogger } from '../doubles/log.js';
import { FakeTelegram } from '../fakes/telegram/server.js';
import { businessMessage, callback, command, forwarded, GROUP, groupText } from '../fakes/telegram/updates.js';
import { send, SENDER, startBot, STRANGER, VICTIM, type Running } from './setup.js';

let bot: Running;

afterEach(async () => {
  await bot?.stop();
});

async function protectedBot(): Promise<Running> {
  bot = await startBot();
  await send(bot, command(VICTIM, '/protect'));
  await bot.fake.until(() => bot.fake.sentTo(VICTIM.id).length > 0, 5_000, 'the protect reply');
  return bot;
}

function textsTo(id: number): string[] {
  return bot.fake.sentTo(id).map((c) => String(c.params['text'] ?? ''));
}

async function verdictButtons(): Promise<Record<string, string>> {
  await send(bot, groupText(SENDER, `${THREAT} you will regret it`, { mention: VICTIM }));
  await bot.fake.until(() => textsTo(VICTIM.id).some((t) => t.includes('Evidence record')), 5_000, 'the verdict DM');
  const dm = bot.fake.sentTo(VICTIM.id).find((c) => String(c.params['text']).includes('Evidence record'))!;
  const buttons = (dm.params['reply_markup'] as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
  return Object.fromEntries(buttons.map((b) => [b.text, b.callback_data]));
}

describe('Telegram flows', () => {
  it('Confirm on the inline keyboard adds the sender to the known-offender list', async () => {
    await protectedBot();
    const buttons = await verdictButtons();
    await send(bot, callback(VICTIM, buttons['Confirm']!));
    await bot.fake.until(() => textsTo(VICTIM.id).some((t) => t.includes('Confirmed')), 5_000, 'the Confirm reply');
    expect(bot.fake.callsTo('answerCallbackQuery')).toHaveLength(1);
    expect([...(await bot.state.get(`telegram:${VICTIM.id}`)).offenders]).toEqual([`telegram:${SENDER.id}`]);
  });

  it('the victim’s button data used by the sender or a stranger changes nothing and reveals nothing', async () => {
    await protectedBot();
    const buttons = await verdictButtons();
    for (const who of [SENDER, STRANGER]) {
      for (const data of Object.values(buttons)) await send(bot, callback(who, data));
      await send(bot, callback(who, 'c:AAAAAAAAAAAAAAAA'));
    }
    await bot.fake.until(() => bot.fake.callsTo('answerCallbackQuery').length === 8, 5_000, 'the callback answers');
    for (const who of [SENDER, STRANGER]) {
      expect(textsTo(who.id).every((t) => /not valid/.test(t))).toBe(true);
      expect(bot.fake.sentTo(who.id).filter((c) => c.method === 'sendDocument')).toHaveLength(0);
    }
    const state = await bot.state.get(`telegram:${VICTIM.id}`);
    expect(state.offenders.size + state.allow.length).toBe(0);
  });

  it('/export sends the caller their bundle as a document', async () => {
    await protectedBot();
    await verdictButtons();
    await send(bot, command(VICTIM, '/export'));
    await bot.fake.until(() => bot.fake.sentTo(VICTIM.id).some((c) => c.method === 'sendDocument'), 5_000, 'the bundle');
    const doc = bot.fake.sentTo(VICTIM.id).find((c) => c.method === 'sendDocument')!;
    expect(doc.files).toEqual([expect.objectContaining({ field: 'document', filename: 'evidence.jsonl' })]);
    expect(doc.files[0]!.size).toBeGreaterThan(0);
  });

  it('/export of a multi-file bundle sends every file', async () => {
    await protectedBot();
    bot.archive.extraBundleFiles = ['manifest.json', 'report.pdf'];
    await verdictButtons();
    await send(bot, command(VICTIM, '/export'));
    await bot.fake.until(() => bot.fake.sentTo(VICTIM.id).filter((c) => c.method === 'sendDocument').length === 3, 5_000, 'the three files');
    expect(bot.fake.sentTo(VICTIM.id).filter((c) => c.method === 'sendDocument').map((c) => c.files[0]!.filename)).toEqual(['evidence.jsonl', 'manifest.json', 'report.pdf']);
  });

  it('a message forwarded to the bot is documented for the person who forwarded it', async () => {
    bot = await startBot();
    await send(bot, forwarded(VICTIM, SENDER, `${THREAT} from a private chat`));
    await bot.fake.until(() => textsTo(VICTIM.id).some((t) => t.includes('Documented')), 5_000, 'the documentation reply');
    const [record] = bot.archive.all();
    expect(record!.recipient).toBe(`telegram:${VICTIM.id}`);
    expect(record!.message?.author.id).toBe(String(SENDER.id));
    expect(bot.fake.sentTo(SENDER.id)).toHaveLength(0);
  });

  it('Telegram Business: a threat in the owner’s private chat is flagged to the owner; edits and deletions are recorded', async () => {
    await protectedBot();
    bot.fake.businessConnections.set('biz-1', { id: 'biz-1', user: { id: VICTIM.id, first_name: 'Vera' }, user_chat_id: VICTIM.id, date: 1, is_enabled: true });
    const message = businessMessage('biz-1', SENDER, `${THREAT} answer me`, 4242);
    await send(bot, message);
    await bot.fake.until(() => textsTo(VICTIM.id).some((t) => t.includes('Evidence record')), 5_000, 'the verdict DM');
    expect(bot.fake.callsTo('getBusinessConnection')).toHaveLength(1);
    expect(textsTo(VICTIM.id).find((t) => t.includes('Evidence record'))).toMatch(/your private chat \(Business\)/);
    const edited = { ...message.business_message, text: 'never mind', edit_date: message.business_message.date + 60 };
    await send(bot, { edited_business_message: edited });
    await send(bot, { deleted_business_messages: { business_connection_id: 'biz-1', chat: message.business_message.chat, message_ids: [4242] } });
    expect(bot.archive.all().map((r) => r.kind)).toEqual(['message', 'edit', 'deletion']);
    expect(bot.fake.sentTo(SENDER.id)).toHaveLength(0);
  });

  it('the same message id in two chats is two messages (Telegram ids are per chat)', async () => {
    await protectedBot();
    const other = { id: -1009876543210, type: 'supergroup', title: 'Other group' };
    const first = groupText(SENDER, THREAT, { mention: VICTIM });
    const second = groupText(SENDER, THREAT, { mention: VICTIM, chat: other });
    second.message['message_id'] = first.message['message_id'];
    await send(bot, first);
    await send(bot, second);
    await bot.fake.until(() => textsTo(VICTIM.id).filter((t) => t.includes('Evidence record')).length === 2, 5_000, 'two verdict DMs');
    expect(bot.archive.all().map((r) => r.message?.channelId)).toEqual([String(GROUP.id), String(other.id)]);
  });

  it('an edit of an archived group message is recorded, the original kept', async () => {
    await protectedBot();
    const update = groupText(SENDER, THREAT, { mention: VICTIM });
    await send(bot, update);
    await send(bot, { edited_message: { ...update.message, text: 'edited away', edit_date: Number(update.message['date']) + 5 } });
    const kinds = bot.archive.all().map((r) => r.kind);
    expect(kinds).toEqual(['message', 'edit']);
    expect(bot.archive.all()[0]!.message?.text).toContain(THREAT);
  });

  it('a person who blocked the bot: the DM is dropped after one try and logged; the evidence is kept', async () => {
    await protectedBot();
    bot.fake.failNext('sendMessage', { code: 403, description: 'Forbidden: bot was blocked by the user' });
    await send(bot, groupText(SENDER, THREAT, { mention: VICTIM }));
    await bot.fake.until(() => bot.log.text().includes('cannot be reached'), 5_000, 'the log line');
    expect(bot.archive.all()).toHaveLength(1);
    expect(bot.service.pendingNotices).toBe(0);
  });

  it('a storage failure after the update is in the inbox: it stays there, is retried and processed once', async () => {
    await protectedBot();
    bot.archive.failNext = 1;
    const id = bot.fake.push(groupText(SENDER, THREAT, { mention: VICTIM }));
    await bot.fake.confirmedPast(id);
    await bot.fake.until(() => textsTo(VICTIM.id).some((t) => t.includes('Evidence record')), 5_000, 'the verdict DM');
    expect(bot.analyser.calls).toHaveLength(2);
    expect(bot.archive.all()).toHaveLength(1);
    expect(textsTo(VICTIM.id).filter((t) => t.includes('Evidence record'))).toHaveLength(1);
  });

  it('logs carry neither the token nor message text', async () => {
    await protectedBot();
    await verdictButtons();
    await send(bot, forwarded(VICTIM, SENDER, 'quartz-heron-5521'));
    await bot.fake.until(() => textsTo(VICTIM.id).some((t) => t.includes('Documented')), 5_000, 'the documentation reply');
    const logs = bot.log.text();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(bot.fake.token);
    expect(logs).not.toContain(bot.fake.token.split(':')[1]);
    expect(logs).not.toContain('you will regret it');
    expect(logs).not.toContain('quartz-heron');
  });
});

describe('Telegram start-up', () => {
  it('a refused token gives a clear error that does not contain the token', async () => {
    const fake = await FakeTelegram.start();
    const token = '999:WRONG-secret-token-value';
    try {
      const failure = (apiRoot: string) => startTelegram({ token, apiRoot }, {} as never, captureLogger().logger).then(() => new Error('started'), (e: unknown) => e as Error);
      const refused = await failure(fake.apiRoot);
      expect(refused.message).toMatch(/refused the bot token/);
      expect(refused.message).not.toContain('WRONG-secret');
      const unreachable = await failure('http://127.0.0.1:1');
      expect(unreachable.message).toMatch(/could not be reached/);
      expect(unreachable.message).not.toContain('WRONG-secret');
    } finally {
      await fake.close();
    }
  });
});

describe('Telegram webhook', () => {
  it('registers the secret, refuses a wrong X-Telegram-Bot-Api-Secret-Token, and processes a right one', async () => {
    bot = await startBot({ webhook: { secret: 'hook-secret_123' } });
    const [setWebhook] = bot.fake.callsTo('setWebhook');
    expect(setWebhook!.params).toMatchObject({ url: 'https://bot.example.org/telegram/hook', secret_token: 'hook-secret_123' });
    expect(bot.fake.callsTo('deleteWebhook')).toHaveLength(0);
    const post = (secret: string | undefined, update: unknown, path = '/telegram/hook') =>
      fetch(`http://127.0.0.1:${bot.adapter.webhookPort}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
      });
    const protect = { update_id: 1, ...command(VICTIM, '/protect') };
    expect((await post('wrong', protect)).status).toBe(403);
    expect((await post(undefined, protect)).status).toBe(403);
    expect((await post('hook-secret_123', protect, '/elsewhere')).status).toBe(404);
    expect(bot.fake.sentTo(VICTIM.id)).toHaveLength(0);
    expect((await post('hook-secret_123', protect)).status).toBe(200);
    expect(textsTo(VICTIM.id)[0]).toMatch(/now protected/);
    expect((await post('hook-secret_123', { update_id: 2, ...groupText(SENDER, THREAT, { mention: VICTIM }) })).status).toBe(200);
    await bot.fake.until(() => textsTo(VICTIM.id).some((t) => t.includes('Evidence record')), 5_000, 'the verdict DM');
    expect(bot.fake.sentTo(GROUP.id)).toHaveLength(0);

    // A message that cannot be stored is answered 500, so Telegram delivers it again; the second delivery
    // is stored, answered 200 and processed once.
    const threat = { update_id: 3, ...groupText(SENDER, `${THREAT} again`, { mention: VICTIM }) };
    const addMany = bot.store.addMany!.bind(bot.store);
    bot.store.addMany = () => Promise.reject(new Error('disk full'));
    expect((await post('hook-secret_123', threat)).status).toBe(500);
    bot.store.addMany = addMany;
    expect(bot.archive.all()).toHaveLength(1);
    expect((await post('hook-secret_123', threat)).status).toBe(200);
    expect((await post('hook-secret_123', threat)).status).toBe(200);
    await bot.fake.until(() => textsTo(VICTIM.id).filter((t) => t.includes('Evidence record')).length === 2, 5_000, 'the second verdict DM');
    await bot.service.drained();
    expect(bot.archive.all()).toHaveLength(2);
    expect(textsTo(VICTIM.id).filter((t) => t.includes('Evidence record'))).toHaveLength(2);
  });
});
