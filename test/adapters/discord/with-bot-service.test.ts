// End to end with the real bot service (on in-memory stores and a marker analyser): real discord.js
// against the fake Discord. A threat that mentions a protected person → exactly one verdict DM to them,
// one evidence record with Discord's ids, nothing to the sender; benign → nothing; replayed → nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActsBotService } from '../../../src/bot/service.js';
import { MemoryStore } from '../../../src/bot/store.js';
import { MarkerAnalyser, THREAT } from '../../doubles/analyser.js';
import { MemoryArchive } from '../../doubles/archive.js';
import { captureLogger } from '../../doubles/log.js';
import { MemoryRecipientState } from '../../doubles/state.js';
import { buttonPress, messagePayload, newSnowflake, slashCommand } from '../../fakes/discord/index.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { startHarness, type Harness } from './harness.js';

const archive = new MemoryArchive();
const state = new MemoryRecipientState();
const analyser = new MarkerAnalyser(archive, state);
const log = captureLogger();
const service = new ActsBotService({ analyser, archive, state, store: new MemoryStore(), logger: log.logger, exportDir: tempDir('discord-export') });
let h: Harness;
const MESSAGES = /^\/channels\/\d+\/messages$/;

beforeAll(async () => {
  await service.start();
  h = await startHarness(service, { log });
  service.attachClient(h.adapter.client);
});
afterAll(async () => {
  await h?.close();
  await service.stop();
});

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a benign message in the channel and waits until it is analysed: everything before it in the channel has been handled. */
async function settle(): Promise<void> {
  const marker = messagePayload({ channelId: h.general, guildId: h.fake.guild.id, author: h.people.bob, content: `fine, thanks <@${h.people.alice.id}>`, mentions: [h.people.alice] });
  h.fake.gateway.dispatch('MESSAGE_CREATE', marker);
  await until(() => analyser.calls.some((c) => c.messageId === marker.id), 'the marker message');
  await until(() => service.pendingNotices === 0, 'the DM queue to drain');
}

const dmPostsTo = (userId: string) => {
  const channel = h.fake.rest.dmChannelOf(userId);
  return channel ? h.fake.rest.callsTo('POST', new RegExp(`^/channels/${channel}/messages$`)).filter((c) => c.status === 200) : [];
};

describe('Discord adapter with the real bot service', () => {
  let threat: Record<string, unknown>;
  let seqBeforeThreat: number;

  it('a protected person gets exactly one verdict DM for a threat that mentions them, even through a 429', async () => {
    const { alice, mallory } = h.people;
    const protect = slashCommand({ applicationId: h.fake.applicationId, user: alice, channelId: newSnowflake() }, 'protect');
    h.fake.gateway.dispatch('INTERACTION_CREATE', protect);
    const [callback] = await h.fake.rest.waitForCalls('POST', new RegExp(`^/interactions/${String(protect.id)}/`));
    expect(callback!.body).toMatchObject({ type: 4, data: { flags: 64, content: 'You are now protected.' } });

    h.fake.rest.rateLimitNext('POST', MESSAGES, 0.2);
    seqBeforeThreat = h.fake.gateway.lastSequence;
    threat = messagePayload({ channelId: h.general, guildId: h.fake.guild.id, author: mallory, content: `<@${alice.id}> ${THREAT} I know where you live`, mentions: [alice] });
    h.fake.gateway.dispatch('MESSAGE_CREATE', threat);
    await until(() => dmPostsTo(alice.id).length === 1, 'the verdict DM');
    await settle();

    expect(dmPostsTo(alice.id)).toHaveLength(1);
    const dmChannel = h.fake.rest.dmChannelOf(alice.id)!;
    expect(h.fake.rest.callsTo('POST', new RegExp(`^/channels/${dmChannel}/messages$`)).map((c) => c.status)).toEqual([429, 200]);
    const body = dmPostsTo(alice.id)[0]!.body as { embeds: Array<{ description: string }>; components: Array<{ components: Array<{ custom_id?: string; url?: string }> }> };
    expect(body.embeds[0]!.description).toMatch(/\|\|[^|]*THREAT I know where you live\|\|/);
    const buttons = body.components.flatMap((r) => r.components);
    expect(buttons.some((b) => b.url === `https://discord.com/channels/${h.fake.guild.id}/${h.general}/${String(threat.id)}`)).toBe(true);
    expect(buttons.filter((b) => b.custom_id?.startsWith('acts_'))).toHaveLength(3);

    const records = archive.byRecipient.get(`discord:${alice.id}`) ?? [];
    expect(records).toHaveLength(1);
    expect(records[0]!.message).toMatchObject({ platform: 'discord', messageId: threat.id, channelId: h.general, workspaceId: h.fake.guild.id, author: { id: mallory.id } });
  });

  it('sends nothing to the sender, and nothing for a benign message', async () => {
    const posts = h.fake.rest.callsTo('POST', MESSAGES).length;
    h.fake.gateway.dispatch('MESSAGE_CREATE', messagePayload({ channelId: h.general, guildId: h.fake.guild.id, author: h.people.mallory, content: `happy birthday <@${h.people.alice.id}>`, mentions: [h.people.alice] }));
    await settle();
    expect(h.fake.rest.callsTo('POST', MESSAGES)).toHaveLength(posts);
    const opened = h.fake.rest.callsTo('POST', /^\/users\/@me\/channels$/).map((c) => (c.body as { recipient_id: string }).recipient_id);
    expect(opened).toEqual([h.people.alice.id]);
  });

  it('a resume that replays the threat archives nothing twice and sends no second DM', async () => {
    const analysed = analyser.calls.length;
    h.fake.gateway.requestReconnect(seqBeforeThreat);
    await h.fake.gateway.waitFor(() => h.fake.gateway.resumes.length === 1, 'RESUME');
    await settle();
    expect(analyser.calls.length).toBe(analysed + 1); // only the new marker; the replays stopped at the dedup key
    expect(dmPostsTo(h.people.alice.id)).toHaveLength(1);
    expect(archive.byRecipient.get(`discord:${h.people.alice.id}`)).toHaveLength(1);
  });

  it('the Confirm button works for the recipient and for nobody else', async () => {
    const body = dmPostsTo(h.people.alice.id)[0]!.body as { components: Array<{ components: Array<{ custom_id?: string }> }> };
    const confirm = body.components.flatMap((r) => r.components).find((b) => b.custom_id?.startsWith('acts_confirm|'))!.custom_id!;
    const dm = h.fake.rest.dmChannelOf(h.people.alice.id)!;
    const botMessage = messagePayload({ channelId: dm, author: { id: h.fake.applicationId, username: 'acts-bot', bot: true }, content: 'verdict' });

    const forged = buttonPress({ applicationId: h.fake.applicationId, user: h.people.mallory, channelId: newSnowflake() }, confirm, botMessage);
    h.fake.gateway.dispatch('INTERACTION_CREATE', forged);
    const [refused] = await h.fake.rest.waitForCalls('POST', new RegExp(`^/interactions/${String(forged.id)}/`));
    expect(refused!.body).toMatchObject({ data: { flags: 64, content: expect.stringContaining('not valid') } });
    expect((await state.get(`discord:${h.people.alice.id}`)).offenders.size).toBe(0);

    const pressed = buttonPress({ applicationId: h.fake.applicationId, user: h.people.alice, channelId: dm }, confirm, botMessage);
    h.fake.gateway.dispatch('INTERACTION_CREATE', pressed);
    const [answered] = await h.fake.rest.waitForCalls('POST', new RegExp(`^/interactions/${String(pressed.id)}/`));
    expect(answered!.body).toMatchObject({ data: { flags: 64, content: expect.stringContaining('Confirmed') } });
    expect([...(await state.get(`discord:${h.people.alice.id}`)).offenders]).toEqual([`discord:${h.people.mallory.id}`]);
  });

  it('records an edit and the deletion of the archived threat, once each even when replayed', async () => {
    const edited = { ...threat, content: 'edited away', edited_timestamp: '2025-05-01T12:00:00.000000+00:00' };
    const from = h.fake.gateway.lastSequence;
    h.fake.gateway.dispatch('MESSAGE_UPDATE', edited);
    h.fake.gateway.dispatch('MESSAGE_DELETE', { id: threat.id, channel_id: h.general, guild_id: h.fake.guild.id });
    await settle();
    h.fake.gateway.requestReconnect(from);
    await h.fake.gateway.waitFor(() => h.fake.gateway.resumes.length === 2, 'second RESUME');
    await settle();
    const kinds = (archive.byRecipient.get(`discord:${h.people.alice.id}`) ?? []).map((r) => r.kind);
    expect(kinds).toEqual(['message', 'edit', 'deletion']);
  });

  it('/acts export answers, only to the caller, with the evidence bundle attached', async () => {
    const exported = slashCommand({ applicationId: h.fake.applicationId, user: h.people.alice, channelId: h.fake.rest.dmChannelOf(h.people.alice.id)! }, 'export');
    h.fake.gateway.dispatch('INTERACTION_CREATE', exported);
    const [callback] = await h.fake.rest.waitForCalls('POST', new RegExp(`^/interactions/${String(exported.id)}/`));
    expect(callback!.files).toEqual(['evidence.jsonl']);
    expect(callback!.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('logs neither the token nor any message text', () => {
    const all = log.lines.join('\n');
    expect(all).not.toContain(h.fake.token);
    expect(all).not.toContain('I know where you live');
    expect(all).not.toContain('happy birthday');
    expect(all).not.toContain('edited away');
  });
});
