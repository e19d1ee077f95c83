// Real discord.js against the fake gateway: what the adapter hands the service for messages, edits,
// deletions and a resume that replays them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS_BITFIELD } from '../../../adapters/discord/client-options.js';
import { messagePayload, newSnowflake } from '../../fakes/discord/index.js';
import { RecordingBotService } from '../../fakes/discord/recording-service.js';
import { startHarness, type Harness } from './harness.js';

const service = new RecordingBotService();
let h: Harness;

beforeAll(async () => {
  h = await startHarness(service);
});
afterAll(async () => {
  await h?.close();
});

describe('Discord adapter: gateway', () => {
  it('identifies with the least-privilege intents and registers /acts and the context menu', async () => {
    expect(h.fake.gateway.identifies).toHaveLength(1);
    const { intents, token } = h.fake.gateway.identifies[0]!;
    expect(token).toBe(h.fake.token);
    // Guilds (1<<0), GuildMessages (1<<9), DirectMessages (1<<12), MessageContent (1<<15); nothing else.
    expect(intents).toBe((1 << 0) | (1 << 9) | (1 << 12) | (1 << 15));
    expect(intents).toBe(INTENTS_BITFIELD);
    expect(intents & (1 << 1)).toBe(0); // GuildMembers (privileged) not requested
    expect(intents & (1 << 8)).toBe(0); // GuildPresences (privileged) not requested

    const [put] = await h.fake.rest.waitForCalls('PUT', new RegExp(`^/applications/${h.fake.applicationId}/commands$`));
    const commands = put!.body as Array<Record<string, unknown>>;
    const acts = commands.find((c) => c.name === 'acts')!;
    const documentIt = commands.find((c) => c.name === 'Document with ACTS')!;
    expect(acts.type).toBe(1);
    expect(documentIt.type).toBe(3);
    for (const command of [acts, documentIt]) {
      expect(command.integration_types).toEqual([0, 1]);
      expect(command.contexts).toEqual([0, 1, 2]);
    }
    const subcommands = (acts.options as Array<{ name: string }>).map((o) => o.name);
    expect(subcommands).toEqual(expect.arrayContaining(['protect', 'unprotect', 'status', 'rules', 'offenders', 'export', 'help', 'watch', 'logchannel', 'digest', 'grey']));
  });

  it('hands a guild message that mentions someone to onMessage, normalised', async () => {
    const { alice, mallory } = h.people;
    const payload = messagePayload({ channelId: h.general, guildId: h.fake.guild.id, author: mallory, content: `<@${alice.id}> I know where you live`, mentions: [alice], nick: 'M' });
    h.fake.gateway.dispatch('MESSAGE_CREATE', payload);
    const [call] = await service.waitFor('message');
    const message = call!.message;
    expect(call!.dedupKey).toBe(`discord:message:${String(payload.id)}`);
    expect(message).toMatchObject({
      platform: 'discord',
      workspaceId: h.fake.guild.id,
      channelId: h.general,
      channelName: 'general',
      messageId: payload.id,
      text: `<@${alice.id}> I know where you live`,
      mentions: [alice.id],
      isDirect: false,
      permalink: `https://discord.com/channels/${h.fake.guild.id}/${h.general}/${String(payload.id)}`,
      audience: { count: 42 },
    });
    expect(message.author).toMatchObject({ id: mallory.id, displayName: 'M', isBot: false });
    expect(message.author.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(message.dmOwnerId).toBeUndefined();
  });

  it('hands a DM to the bot (channel_type 1) to onMessage as direct, without a workspace', async () => {
    const before = service.of('message').length;
    const dmChannel = newSnowflake();
    h.fake.gateway.dispatch('MESSAGE_CREATE', messagePayload({ channelId: dmChannel, author: h.people.bob, content: 'hello bot', channelType: 1 }));
    const calls = await service.waitFor('message', before + 1);
    const message = calls[before]!.message;
    expect(message).toMatchObject({ isDirect: true, channelId: dmChannel, dmOwnerId: h.fake.applicationId, audience: { count: 2 } });
    expect(message.workspaceId).toBeUndefined();
    expect(message.permalink).toBe(`https://discord.com/channels/@me/${dmChannel}/${message.messageId}`);
  });

  it('ignores the bot\'s own messages and keeps the order of a channel', async () => {
    const before = service.of('message').length;
    const bot = { id: h.fake.applicationId, username: 'acts-bot', bot: true };
    h.fake.gateway.dispatch('MESSAGE_CREATE', messagePayload({ channelId: h.general, guildId: h.fake.guild.id, author: bot, content: 'own' }));
    const next = messagePayload({ channelId: h.general, guildId: h.fake.guild.id, author: h.people.bob, content: 'after' });
    h.fake.gateway.dispatch('MESSAGE_CREATE', next);
    const calls = await service.waitFor('message', before + 1);
    expect(calls.slice(before).map((c) => c.message.messageId)).toEqual([next.id]);
  });

  it('turns MESSAGE_UPDATE of an uncached message into onEdit, and ignores updates that are not edits', async () => {
    const before = service.of('edit').length;
    const id = newSnowflake();
    const base = { id, channelId: h.general, guildId: h.fake.guild.id, author: h.people.mallory };
    h.fake.gateway.dispatch('MESSAGE_UPDATE', messagePayload({ ...base, content: 'link preview added' })); // no edited_timestamp
    const editedAt = '2025-03-01T10:00:00.123000+00:00';
    h.fake.gateway.dispatch('MESSAGE_UPDATE', messagePayload({ ...base, content: 'edited text', editedTimestamp: editedAt }));
    const edits = await service.waitFor('edit', before + 1);
    expect(edits.slice(before)).toHaveLength(1);
    const edit = edits[before]!;
    expect(edit.ref).toEqual({ platform: 'discord', messageId: id, channelId: h.general });
    expect(edit.edit).toEqual({ text: 'edited text', editedAt: '2025-03-01T10:00:00.123Z' });
    expect(edit.dedupKey).toBe(`discord:edit:${id}:${Date.parse(editedAt)}`);
    // The whole edited message goes along, so a message never archived (benign until now) can be judged.
    expect(edit.message).toMatchObject({ platform: 'discord', messageId: id, channelId: h.general, text: 'edited text', author: { id: h.people.mallory.id } });
  });

  it('turns MESSAGE_DELETE into onDelete', async () => {
    const id = newSnowflake();
    h.fake.gateway.dispatch('MESSAGE_DELETE', { id, channel_id: h.general, guild_id: h.fake.guild.id });
    const deletes = await service.waitFor('delete');
    const deletion = deletes.find((d) => d.ref.messageId === id)!;
    expect(deletion.ref).toEqual({ platform: 'discord', messageId: id, channelId: h.general });
    expect(deletion.dedupKey).toBe(`discord:delete:${id}`);
    expect(Number.isNaN(Date.parse(deletion.deletedAt))).toBe(false);
  });

  it('gives events replayed by a resume the same dedup keys as the first time', async () => {
    const from = h.fake.gateway.lastSequence;
    const kept = newSnowflake();
    const deleted = newSnowflake();
    const keysBefore = service.calls.length;
    const place = { channelId: h.general, guildId: h.fake.guild.id, author: h.people.mallory };
    h.fake.gateway.dispatch('MESSAGE_CREATE', messagePayload({ ...place, id: kept, content: 'first' }));
    h.fake.gateway.dispatch('MESSAGE_UPDATE', messagePayload({ ...place, id: kept, content: 'second', editedTimestamp: new Date().toISOString() }));
    h.fake.gateway.dispatch('MESSAGE_DELETE', { id: deleted, channel_id: h.general, guild_id: h.fake.guild.id });
    await waitUntil(() => service.calls.length >= keysBefore + 3);
    const firstKeys = dedupKeys(service.calls.slice(keysBefore));
    expect(firstKeys).toHaveLength(3);

    h.fake.gateway.requestReconnect(from);
    await h.fake.gateway.waitFor(() => h.fake.gateway.resumes.length === 1, 'RESUME');
    await waitUntil(() => service.calls.length >= keysBefore + 6);
    expect(h.fake.gateway.identifies).toHaveLength(1); // resumed, not re-identified
    expect(h.fake.gateway.resumes[0]!.session_id).toBe('fake-session');
    const replayedKeys = dedupKeys(service.calls.slice(keysBefore + 3));
    expect(replayedKeys).toEqual(firstKeys);
  });

  it('writes no token and no message text to its logs', () => {
    const all = h.logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(h.fake.token);
    for (const text of ['I know where you live', 'hello bot', 'edited text', 'first']) expect(all).not.toContain(text);
  });
});

function dedupKeys(calls: RecordingBotService['calls']): string[] {
  return calls.flatMap((c) => ('dedupKey' in c ? [c.dedupKey] : []));
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
