// TELEGRAM_API_ROOT as people write it: with or without a trailing slash, and a self-hosted Bot API server
// served under a path behind a proxy. Both of the bot's HTTP clients (telegraf for commands and DMs, the
// kept-alive getUpdates client) must reach the same server.
import { afterEach, describe, expect, it } from 'vitest';
import { THREAT } from '../doubles/analyser.js';
import { command, groupText } from '../fakes/telegram/updates.js';
import { send, SENDER, startBot, VICTIM, type Running } from './setup.js';

let bot: Running | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

async function protectAndThreaten(running: Running): Promise<void> {
  await send(running, command(VICTIM, '/protect'));
  await running.fake.until(() => running.fake.sentTo(VICTIM.id).length > 0, 5_000, 'the protect reply');
  await send(running, groupText(SENDER, `${THREAT} see you soon`, { mention: VICTIM }));
  await running.fake.until(() => running.fake.sentTo(VICTIM.id).some((c) => String(c.params['text']).includes('Evidence record')), 5_000, 'the verdict DM');
}

describe('TELEGRAM_API_ROOT', () => {
  it.each([
    ['a root with a trailing slash', undefined, (root: string) => `${root}/`],
    ['a server under a path, written without a trailing slash', '/tg', (root: string) => root],
    ['a server under a path, written with a trailing slash', '/tg', (root: string) => `${root}/`],
  ])('%s: updates arrive and the verdict DM is sent', async (_what, pathPrefix, spell) => {
    bot = await startBot({ ...(pathPrefix ? { pathPrefix } : {}), apiRoot: (fake) => spell(fake.apiRoot) });
    await protectAndThreaten(bot);
    expect(bot.fake.sentTo(SENDER.id)).toHaveLength(0);
    expect(bot.log.text()).not.toMatch(/could not be reached/);
  });
});
