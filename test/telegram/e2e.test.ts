import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { THREAT } from '../doubles/analyser.js';
import { command, GROUP, groupText } from '../fakes/telegram/updates.js';
import { send, SENDER, startBot, STRANGER, VICTIM, type Running } from './setup.js';

let bot: Running;

beforeEach(async () => {
  bot = await startBot();
});

afterEach(async () => {
  await bot.stop();
});

async function protect(user = VICTIM): Promise<void> {
  await send(bot, command(user, '/protect'));
  await bot.fake.until(() => bot.fake.sentTo(user.id).length > 0, 5_000, 'the protect reply');
}

function verdictsTo(id: number) {
  return bot.fake.sentTo(id).filter((c) => String(c.params['text']).includes('Evidence record'));
}

describe('Telegram end to end (telegraf against the fake Bot API)', () => {
  it('a threat mentioning a protected user: exactly one verdict DM to them, nothing to the sender or the group', async () => {
    await protect();
    const update = groupText(SENDER, `${THREAT} I know where you live`, { mention: VICTIM });
    const id = await send(bot, update);
    await bot.fake.until(() => verdictsTo(VICTIM.id).length === 1, 5_000, 'the verdict DM');
    await bot.fake.confirmedPast(id);

    const [dm] = verdictsTo(VICTIM.id);
    expect(dm!.params['parse_mode']).toBe('HTML');
    expect(String(dm!.params['text'])).toContain('<tg-spoiler>');
    expect(String(dm!.params['text'])).toMatch(/<tg-spoiler>THREAT I know where you live @vera_v<\/tg-spoiler>/);
    const keyboard = (dm!.params['reply_markup'] as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    expect(keyboard.map((b) => b.text)).toEqual(['Not harassment', 'Confirm', 'Export evidence']);
    for (const b of keyboard) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    const records = bot.archive.all();
    expect(records).toHaveLength(1);
    expect(records[0]!.message).toMatchObject({ messageId: String(update.message['message_id']), channelId: String(GROUP.id), author: { id: String(SENDER.id) } });
    expect(records[0]!.message?.extra?.['telegram']).toMatchObject({ chatId: String(GROUP.id) });
    expect(String(dm!.params['text'])).toContain(records[0]!.id);
    expect(bot.fake.sentTo(SENDER.id)).toHaveLength(0);
    expect(bot.fake.sentTo(GROUP.id)).toHaveLength(0);
  });

  it('text_mention and replies find the recipient too', async () => {
    await protect();
    await send(bot, groupText(SENDER, THREAT, { textMention: { id: VICTIM.id, first_name: 'Vera' } }));
    await send(bot, groupText(SENDER, `${THREAT} again`, { replyTo: { message_id: 77, from: VICTIM } }));
    await bot.fake.until(() => verdictsTo(VICTIM.id).length === 2, 5_000, 'two verdict DMs');
  });

  it('a benign message produces nothing', async () => {
    await protect();
    const before = bot.fake.calls.length;
    await send(bot, groupText(SENDER, 'see you at the book club', { mention: VICTIM }));
    expect(bot.service.pendingNotices).toBe(0);
    expect(bot.fake.calls.slice(before).filter((c) => c.method.startsWith('send'))).toHaveLength(0);
  });

  it('an unprotected user gets nothing and is not analysed', async () => {
    await send(bot, groupText(STRANGER, 'hello'));
    await send(bot, groupText(SENDER, THREAT, { mention: STRANGER }));
    expect(bot.analyser.calls).toHaveLength(0);
    expect(bot.fake.calls.filter((c) => c.method.startsWith('send'))).toHaveLength(0);
  });

  it('a redelivered update (restart before its offset was confirmed) produces nothing more', async () => {
    await protect();
    const update = groupText(SENDER, THREAT, { mention: VICTIM });
    const id = await send(bot, update);
    await bot.fake.until(() => verdictsTo(VICTIM.id).length === 1, 5_000, 'the verdict DM');
    await bot.restartAdapter();
    bot.fake.redeliver(id, update);
    await bot.fake.confirmedPast(id);
    expect(bot.service.pendingNotices).toBe(0);
    expect(verdictsTo(VICTIM.id)).toHaveLength(1);
    expect(bot.archive.all()).toHaveLength(1);
  });

  it('after a restart, a protected user mentioned by @username is still found', async () => {
    await protect();
    await bot.restartAdapter();
    await send(bot, groupText(SENDER, THREAT, { mention: VICTIM }));
    await bot.fake.until(() => verdictsTo(VICTIM.id).length === 1, 5_000, 'the verdict DM');
  });

  it('a 429 on sendMessage is retried after its retry_after', async () => {
    await protect();
    bot.fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
    await send(bot, groupText(SENDER, THREAT, { mention: VICTIM }));
    await bot.fake.until(() => verdictsTo(VICTIM.id).length === 1, 8_000, 'the verdict DM after the 429');
    const attempts = bot.fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params['chat_id']) === String(VICTIM.id) && String(c.params['text']).includes('Evidence record'));
    expect(attempts.map((a) => a.failedWith)).toEqual([429, undefined]);
    // Correctness, not speed: the retry must not come before the time Telegram asked for.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('replies to commands go only to the caller, also when the command is used in a group', async () => {
    await protect();
    await send(bot, command(STRANGER, '/start'));
    await send(bot, command(STRANGER, '/status@acts_test_bot', GROUP));
    await bot.fake.until(() => bot.fake.sentTo(STRANGER.id).length === 2, 5_000, 'the replies');
    expect(bot.fake.sentTo(GROUP.id)).toHaveLength(0);
    expect(String(bot.fake.sentTo(STRANGER.id)[1]!.params['text'])).toMatch(/Protection:<\/b> off/);
    expect(bot.fake.sentTo(VICTIM.id)).toHaveLength(1);
  });

  it('group admin commands check the admin status with getChatMember', async () => {
    await send(bot, command(STRANGER, '/start'));
    await send(bot, command(STRANGER, '/watch on', GROUP));
    bot.fake.chatMembers.set(`${GROUP.id}:${STRANGER.id}`, 'administrator');
    await send(bot, command(STRANGER, '/watch on', GROUP));
    await bot.fake.until(() => bot.fake.sentTo(STRANGER.id).length === 3, 5_000, 'the replies');
    const texts = bot.fake.sentTo(STRANGER.id).map((c) => String(c.params['text']));
    expect(texts[1]).toMatch(/Only moderators/);
    expect(texts[2]).toMatch(/watching is on/);
    expect(bot.fake.callsTo('getChatMember')).toHaveLength(2);
  });

  it('commands addressed to another bot are ignored; a command in a group that also mentions someone is still analysed', async () => {
    await protect();
    await send(bot, command(SENDER, '/status@other_bot', GROUP));
    const sneaky = command(SENDER, `/help ${THREAT} @vera_v`, GROUP);
    (sneaky.message as { entities: unknown[] }).entities.push({ type: 'mention', offset: `/help ${THREAT} `.length, length: 7 });
    await send(bot, sneaky);
    await bot.fake.until(() => verdictsTo(VICTIM.id).length === 1, 5_000, 'the verdict DM');
    expect(bot.fake.sentTo(GROUP.id)).toHaveLength(0);
  });

  it('a benign message later edited into a threat is analysed as edited: one verdict DM, one record with the new text, nothing to the sender', async () => {
    await protect();
    const original = groupText(SENDER, 'see you at the book club', { mention: VICTIM });
    await send(bot, original);
    expect(bot.archive.all()).toHaveLength(0);
    const body = original.message as Record<string, unknown>;
    const editedText = `${THREAT} I know where you live @vera_v`;
    const entities = [{ type: 'mention', offset: editedText.length - 7, length: 7 }];
    const edited = { edited_message: { ...body, text: editedText, entities, edit_date: Number(body['date']) + 60 } };
    await send(bot, edited);
    await bot.fake.until(() => verdictsTo(VICTIM.id).length === 1, 5_000, 'the verdict DM for the edit');
    const records = bot.archive.all();
    expect(records).toHaveLength(1);
    expect(records[0]!.message).toMatchObject({ messageId: String(body['message_id']), text: editedText });
    expect(records[0]!.message!.editedAt).toBeDefined();
    // The same edit delivered again changes nothing; a later edit of the now archived message is an edit record.
    await send(bot, edited);
    await send(bot, { edited_message: { ...body, text: 'sorry', entities: [], edit_date: Number(body['date']) + 120 } });
    expect(bot.archive.all().map((r) => r.kind)).toEqual(['message', 'edit']);
    expect(verdictsTo(VICTIM.id)).toHaveLength(1);
    expect(bot.fake.sentTo(SENDER.id)).toHaveLength(0);
    expect(bot.fake.sentTo(GROUP.id)).toHaveLength(0);
  });
});
