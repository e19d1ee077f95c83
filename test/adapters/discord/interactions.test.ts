// Real discord.js against the fake gateway: /acts, the "Document with ACTS" context menu and the verdict
// buttons reach the service, and every answer goes back ephemeral through the interaction callback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/bot/ports.js';
import { buttonPress, documentCommand, messagePayload, newSnowflake, slashCommand, type InteractionPlace } from '../../fakes/discord/index.js';
import { RecordingBotService } from '../../fakes/discord/recording-service.js';
import { startHarness, type Harness } from './harness.js';

const EPHEMERAL = 64;
const MANAGE_GUILD = String(1 << 5);
const service = new RecordingBotService();
let h: Harness;

beforeAll(async () => {
  h = await startHarness(service, { deferAfterMs: 300 });
});
afterAll(async () => {
  await h?.close();
});

function inGuild(extra: Partial<InteractionPlace> = {}): InteractionPlace {
  return { applicationId: h.fake.applicationId, user: h.people.alice, guildId: h.fake.guild.id, channelId: h.general, ...extra };
}

async function callbackOf(interaction: Record<string, unknown>) {
  const [call] = await h.fake.rest.waitForCalls('POST', new RegExp(`^/interactions/${String(interaction.id)}/[^/]+/callback$`));
  return call!.body as { type: number; data: { flags?: number; content?: string; embeds?: unknown[] } };
}

describe('Discord adapter: interactions', () => {
  it('/acts protect reaches onCommand as the caller, and the reply is ephemeral', async () => {
    service.reply = { text: 'You are protected.' };
    const interaction = slashCommand(inGuild(), 'protect');
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [command] = await service.waitFor('command');
    expect(command!.request).toEqual({
      name: 'protect',
      args: '',
      caller: { platform: 'discord', userId: h.people.alice.id, workspaceId: h.fake.guild.id, channelId: h.general, isModerator: false, displayName: 'alice' },
    });
    const callback = await callbackOf(interaction);
    expect(callback.type).toBe(4);
    expect(callback.data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.data.content).toBe('You are protected.');
  });

  it('joins the options of a sub-command into args, and says when the caller may manage the server', async () => {
    const before = service.of('command').length;
    const interaction = slashCommand(inGuild({ permissions: MANAGE_GUILD }), 'rules', [
      { name: 'action', type: 3, value: 'add' },
      { name: 'rule', type: 3, value: 'word   birthday' },
    ]);
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const commands = await service.waitFor('command', before + 1);
    expect(commands[before]!.request).toMatchObject({ name: 'rules', args: 'add word birthday', caller: { isModerator: true } });
    expect((await callbackOf(interaction)).data.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('works in the bot\'s DM, where nobody is a moderator', async () => {
    const before = service.of('command').length;
    const dm = newSnowflake();
    const interaction = slashCommand({ applicationId: h.fake.applicationId, user: h.people.alice, channelId: dm, permissions: MANAGE_GUILD }, 'status');
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const commands = await service.waitFor('command', before + 1);
    expect(commands[before]!.request.caller).toMatchObject({ userId: h.people.alice.id, isModerator: false, channelId: dm });
    expect(commands[before]!.request.caller.workspaceId).toBeUndefined();
    expect((await callbackOf(interaction)).data.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('"Document with ACTS" in a DM between two people hands the message to onDocumentRequest, with the requester as DM owner', async () => {
    const dm = newSnowflake();
    const target = messagePayload({ channelId: dm, author: h.people.mallory, content: 'you cannot hide from me' });
    const interaction = documentCommand({ applicationId: h.fake.applicationId, user: h.people.alice, channelId: dm, channelType: 1 }, target);
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [request] = await service.waitFor('document');
    expect(request!.requester).toMatchObject({ userId: h.people.alice.id, isModerator: false });
    expect(request!.message).toMatchObject({ messageId: target.id, channelId: dm, isDirect: true, dmOwnerId: h.people.alice.id, text: 'you cannot hide from me', author: { id: h.people.mallory.id } });
    expect((await callbackOf(interaction)).data.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('"Document with ACTS" in a server keeps the server as workspace', async () => {
    const before = service.of('document').length;
    const target = messagePayload({ channelId: h.general, author: h.people.mallory, content: 'watch your back' });
    const interaction = documentCommand(inGuild(), target);
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const requests = await service.waitFor('document', before + 1);
    expect(requests[before]!.message).toMatchObject({ workspaceId: h.fake.guild.id, isDirect: false, permalink: `https://discord.com/channels/${h.fake.guild.id}/${h.general}/${String(target.id)}` });
  });

  it('"Document with ACTS" on a message it cannot use answers why and asks nothing of the service', async () => {
    const before = service.calls.length;
    const system = documentCommand(inGuild(), { ...messagePayload({ channelId: h.general, author: h.people.mallory, content: '' }), type: 7 });
    h.fake.gateway.dispatch('INTERACTION_CREATE', system);
    const callback = await callbackOf(system);
    expect(callback.data.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(callback.data.content).toMatch(/^This message cannot be documented: not a message a person wrote/);
    expect(service.calls.length).toBe(before);
  });

  it('a verdict button reaches onAction with its action and value', async () => {
    const dm = newSnowflake();
    const botMessage = messagePayload({ channelId: dm, author: { id: h.fake.applicationId, username: 'acts-bot', bot: true }, content: 'verdict' });
    const interaction = buttonPress({ applicationId: h.fake.applicationId, user: h.people.alice, channelId: dm }, `${ACTIONS.confirm}|rec-123`, botMessage);
    h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const [action] = await service.waitFor('action');
    expect(action).toMatchObject({ actionId: ACTIONS.confirm, value: 'rec-123', caller: { userId: h.people.alice.id } });
    expect((await callbackOf(interaction)).data.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('ignores interactions for another application and buttons it did not issue', async () => {
    const before = service.calls.length;
    const foreign = slashCommand({ ...inGuild(), applicationId: newSnowflake() }, 'protect');
    const dm = newSnowflake();
    const botMessage = messagePayload({ channelId: dm, author: { id: h.fake.applicationId, username: 'acts-bot', bot: true }, content: 'x' });
    const strange = buttonPress({ applicationId: h.fake.applicationId, user: h.people.alice, channelId: dm }, 'acts_delete_everything|1', botMessage);
    h.fake.gateway.dispatch('INTERACTION_CREATE', foreign);
    h.fake.gateway.dispatch('INTERACTION_CREATE', strange);
    // A real command after them: once it is answered, the two before it have been handled too.
    const marker = slashCommand(inGuild(), 'help');
    h.fake.gateway.dispatch('INTERACTION_CREATE', marker);
    await callbackOf(marker);
    expect(service.calls.slice(before).map((c) => c.kind)).toEqual(['command']);
    expect(h.fake.rest.callsTo('POST', new RegExp(`^/interactions/(${String(foreign.id)}|${String(strange.id)})/`))).toHaveLength(0);
  });

  it('defers the reply when the service is slow, then edits it in', async () => {
    service.answerDelayMs = 600;
    service.reply = { text: 'Here is your status.' };
    try {
      const interaction = slashCommand(inGuild(), 'status');
      h.fake.gateway.dispatch('INTERACTION_CREATE', interaction);
      const callback = await callbackOf(interaction);
      expect(callback.type).toBe(5);
      expect(callback.data.flags! & EPHEMERAL).toBe(EPHEMERAL);
      const [edit] = await h.fake.rest.waitForCalls('PATCH', new RegExp(`^/webhooks/${h.fake.applicationId}/${String(interaction.token)}/messages/@original$`));
      expect((edit!.body as { content: string }).content).toBe('Here is your status.');
    } finally {
      service.answerDelayMs = 0;
    }
  });
});
