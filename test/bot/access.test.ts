// Nobody can use the bot against the person it protects: every command (taken from the router, so a new one is
// covered too) and every button, tried by the sender of a flagged message and by a stranger, with arguments
// that name the recipient, reveal nothing of the recipient's and change nothing of theirs; moderators act on
// their own community only; every entry point is rate-limited per caller.
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/bot/commands/router.js';
import { ACTIONS, type Caller, type OutboundMessage } from '../../src/bot/ports.js';
import { THREAT } from '../doubles/analyser.js';
import { caller, groupMessage, harness } from './harness.js';

const VICTIM = caller('111', { handle: 'vera_v', displayName: 'Vera' });
const SENDER = caller('666', { workspaceId: '-1001', channelId: '-1001' });
const STRANGER = caller('999');

/** What the recipient owns: none of it may appear in a reply to anyone else. */
const RECIPIENT_DATA = /telegram:111|\b111\b|vera_v|secretword|telegram:777|ev-\d|cyberstalking|THREAT/i;

function all(reply: OutboundMessage): string {
  return [reply.text, ...(reply.fields ?? []).map((f) => `${f.label}: ${f.value}`), reply.sensitive?.text ?? '', reply.file?.path ?? '', ...(reply.files ?? []).map((f) => f.path), ...(reply.buttons ?? []).map((b) => b.value)].join('\n');
}

/** Argument lists that try to name the recipient, their records or their settings. */
const HOSTILE_ARGS = ['', 'list', 'telegram:111', '111', '@vera_v', 'list telegram:111', 'remove 1', 'remove telegram:777', 'add word secretword', 'on', 'off', 'ev-1', '--recipient telegram:111', '../111'];

async function flagged() {
  const h = harness();
  await h.service.onCommand({ caller: VICTIM, name: 'protect', args: '' });
  await h.service.onCommand({ caller: VICTIM, name: 'rules', args: 'add word secretword' });
  await h.state.confirmOffender('telegram:111', 'telegram:777', []);
  await h.service.onMessage(groupMessage({ text: `${THREAT} first`, mentions: ['111'], authorId: '666' }), 'm1');
  await h.service.processQueue();
  const handle = h.client.sent.find((s) => s.to === '111' && s.message.buttons)!.message.buttons![0]!.value;
  return { ...h, handle };
}

describe('access: the sender and a stranger against the recipient', () => {
  it('knows every command the router answers', () => {
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['protect', 'unprotect', 'status', 'rules', 'offenders', 'export', 'help', 'watch', 'logchannel', 'digest', 'grey']));
  });

  it.each([
    ['the sender of the flagged message', SENDER],
    ['a stranger', STRANGER],
    ['a moderator of the sender\'s group', { ...SENDER, userId: '555', isModerator: true }],
  ])('every command with arguments naming the recipient, as %s, shows and changes nothing of theirs', async (_who, who: Caller) => {
    const h = await flagged();
    const before = { state: await h.state.get('telegram:111'), sent: h.client.sent.length, records: h.archive.all().length };
    for (const name of COMMAND_NAMES) {
      for (const args of HOSTILE_ARGS) {
        const reply = await h.service.onCommand({ caller: who, name, args });
        // Quoting the caller's own words back ("No rule X") reveals nothing: only what remains is checked.
        const shown = args.length > 0 ? all(reply).split(args.split(' ').pop()!).join('') : all(reply);
        expect(shown, `${name} ${args}: ${all(reply)}`).not.toMatch(RECIPIENT_DATA);
        expect(reply.file, `${name} ${args}`).toBeUndefined();
        // Fresh limiter budget for the next try: the limiter itself is tested below.
        h.clock.advance(60_000);
      }
    }
    const after = await h.state.get('telegram:111');
    expect(after.rules).toEqual(before.state.rules);
    expect([...after.offenders.keys()]).toEqual([...before.state.offenders.keys()]);
    expect(after.allow).toEqual(before.state.allow);
    // Still protected: nobody else can unprotect them, and they still get notices.
    expect(all(await h.service.onCommand({ caller: VICTIM, name: 'status', args: '' }))).toMatch(/protect/i);
    await h.service.processQueue();
    // Nothing was sent to anyone but the recipient (no reply to the caller goes through the DM queue either).
    expect(h.client.sent.slice(before.sent).filter((s) => s.to !== '111')).toHaveLength(0);
    expect(h.client.sent.some((s) => s.to === '666')).toBe(false);
    expect(h.archive.all().length).toBe(before.records);
  });

  it.each([
    ['the sender', SENDER],
    ['a stranger', STRANGER],
  ])('every button, with the recipient\'s own handle and with forged values, as %s, is refused', async (_who, who: Caller) => {
    const h = await flagged();
    for (const action of [...Object.values(ACTIONS), 'acts_unknown']) {
      for (const value of [h.handle, 'telegram:111', 'ev-1', '']) {
        const answer = await h.service.onAction(who, action, value);
        expect(all(answer)).not.toMatch(RECIPIENT_DATA);
        expect(answer.file).toBeUndefined();
        h.clock.advance(60_000);
      }
    }
    const state = await h.state.get('telegram:111');
    expect(state.allow).toHaveLength(0);
    expect(state.offenders.has('telegram:666')).toBe(false);
  });

  it('a document request by a stranger archives for the stranger only, never for the recipient the message names', async () => {
    const h = await flagged();
    const before = h.archive.all().filter((r) => r.recipient === 'telegram:111').length;
    const answer = await h.service.onDocumentRequest(groupMessage({ text: `${THREAT} about vera`, mentions: ['111'], authorId: '666' }), STRANGER);
    expect(all(answer)).not.toMatch(/telegram:111|secretword|telegram:777/);
    expect(h.archive.all().filter((r) => r.recipient === 'telegram:111')).toHaveLength(before);
  });
});

describe('access: moderators see only their own community', () => {
  it('a moderator of another group cannot turn watching on for this group, nor read or move its log channel', async () => {
    const h = harness();
    const own = { workspaceId: '-1001', channelId: '-1001', isModerator: true };
    await h.service.onCommand({ caller: caller('5', own), name: 'watch', args: 'on' });
    await h.service.onCommand({ caller: caller('5', own), name: 'logchannel', args: '-100777' });
    const other = caller('6', { workspaceId: '-2002', channelId: '-2002', isModerator: true });
    expect(all(await h.service.onCommand({ caller: other, name: 'watch', args: '' }))).toMatch(/watching is off/);
    await h.service.onCommand({ caller: other, name: 'logchannel', args: '-100888' });
    // A flagged message in group -1001 goes to -1001's log channel only, never to the other group's.
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: ['321'], authorId: '666' }), 'm1');
    await h.service.processQueue();
    const channels = h.client.sent.filter((s) => s.kind === 'channel').map((s) => s.to);
    expect(channels).toEqual(['-100777']);
    // And a message in the other group (not watched) is not analysed for anyone unprotected.
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: ['321'], authorId: '666', workspaceId: '-2002', channelId: '-2002' }), 'm2');
    await h.service.processQueue();
    expect(h.client.sent.filter((s) => s.kind === 'channel').map((s) => s.to)).toEqual(['-100777']);
  });
});

describe('access: every entry point is rate-limited per caller', () => {
  it.each(COMMAND_NAMES.map((name) => [name]))('command %s', async (name) => {
    const h = harness({ commandRate: { capacity: 2, refillMs: 60_000 } });
    const replies: string[] = [];
    for (let i = 0; i < 4; i++) replies.push((await h.service.onCommand({ caller: STRANGER, name, args: '' })).text);
    expect(replies.filter((t) => /Too many requests/.test(t))).toHaveLength(2);
    // Another caller is not slowed by the first one.
    expect((await h.service.onCommand({ caller: caller('998'), name, args: '' })).text).not.toMatch(/Too many/);
  });

  it('buttons and document requests share the caller\'s budget', async () => {
    const h = harness({ commandRate: { capacity: 2, refillMs: 60_000 } });
    await h.service.onAction(STRANGER, ACTIONS.confirm, 'x');
    await h.service.onDocumentRequest(groupMessage({ text: 'hi', authorId: '666' }), STRANGER);
    expect((await h.service.onAction(STRANGER, ACTIONS.exportEvidence, 'x')).text).toMatch(/Too many requests/);
    expect((await h.service.onDocumentRequest(groupMessage({ text: 'hi', authorId: '666' }), STRANGER)).text).toMatch(/Too many requests/);
    expect((await h.service.onCommand({ caller: STRANGER, name: 'help', args: '' })).text).toMatch(/Too many requests/);
  });
});
