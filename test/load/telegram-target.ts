// Telegram as the load target: the fake Bot API serves the planned messages to the bot's getUpdates long
// polling; an update is acknowledged when the bot's next offset passes it. Every update names someone
// (a mention, or a reply to someone's message), so each one has a recipient the bot has to look up.
import { FakeTelegram } from '../fakes/telegram/server.js';
import { command } from '../fakes/telegram/updates.js';
import type { LoadTarget, Sent } from './target.js';
import type { Planned } from './traffic.js';

const TOKEN = '123456:LOAD-token-not-real';

function protectedUser(i: number) {
  return { id: 5_000_000 + i, first_name: `P${i}`, username: `prot_${i}` };
}

export async function telegramTarget(): Promise<LoadTarget> {
  const waiting: Array<Sent & { updateId: number }> = [];
  let head = 0;
  const fake = await FakeTelegram.start({
    token: TOKEN,
    holdMs: 1_000,
    onOffset(offset) {
      const now = Date.now();
      while (head < waiting.length && waiting[head]!.updateId < offset) {
        const item = waiting[head]!;
        item.acked = true;
        item.ackMs = now - item.sentAt;
        head += 1;
      }
      if (head > 10_000) {
        waiting.splice(0, head);
        head = 0;
      }
    },
  });
  return {
    name: 'telegram',
    env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot },
    readyLog: 'telegram adapter started',
    dedupPrefix: 'bot:dedup:telegram:msg:',
    async protect(count) {
      let last = 0;
      for (let i = 0; i < count; i += 1) last = fake.push(command(protectedUser(i), '/protect'));
      await fake.confirmedPast(last, 60_000);
    },
    send(planned: Planned): Sent {
      const { n } = planned;
      const chat = { id: -1_001_000_000_000 - (n % 20), type: 'supergroup', title: `Load ${n % 20}` };
      const from = { id: 7_000_000 + (n % 997), is_bot: false, first_name: 'Sender' };
      const date = Math.floor(Date.now() / 1000);
      const message: Record<string, unknown> = { message_id: n, date, chat, from };
      if (planned.recipient === undefined) {
        // A reply to someone nobody protects: the bot looks them up and stops there.
        message['text'] = planned.text;
        message['reply_to_message'] = { message_id: 1, date, chat, from: { id: 8_000_000 + (n % 500), is_bot: false, first_name: 'Other' }, text: 'earlier' };
      } else {
        const to = protectedUser(planned.recipient);
        message['text'] = `@${to.username} ${planned.text}`;
        message['entities'] = [{ type: 'mention', offset: 0, length: to.username.length + 1 }];
      }
      const item = { ...planned, id: String(n), sentAt: Date.now(), updateId: 0 };
      item.updateId = fake.push({ message });
      waiting.push(item);
      return item;
    },
    inflight: () => 0,
    recipientKey: (i) => `telegram:${protectedUser(i).id}`,
    dmsSent: () => fake.callsTo('sendMessage').length,
    close: () => fake.close(),
  };
}
