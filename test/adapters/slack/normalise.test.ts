import { describe, expect, it } from 'vitest';
import { normaliseEvent, type NormaliseContext } from '../../../adapters/slack/normalise-event.js';
import { normaliseShortcut } from '../../../adapters/slack/normalise-shortcut.js';
import { envelope, messageEvent } from '../../fakes/slack/payloads.js';

const ctx: NormaliseContext = { botUserId: 'U0BOT', workspaceUrl: (team) => (team === 'T0TEAM' ? 'https://acme.slack.com/' : undefined) };

function message(event: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const result = normaliseEvent(envelope(event, overrides), ctx);
  if (result.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(result)}`);
  return result.message;
}

function skipReason(body: unknown): string {
  const result = normaliseEvent(body, ctx);
  if (result.kind !== 'skip') throw new Error(`expected a skip, got ${result.kind}`);
  return result.reason;
}

describe('Slack normaliser: messages', () => {
  it('parses mentions from the text and from rich-text blocks, once each, ids as strings', () => {
    const m = message(
      messageEvent({
        text: 'hey <@U0ALICE> and <@W0BOB|bob>, <@U0ALICE> again',
        blocks: [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U0CAROL' }, { type: 'text', text: 'x' }] }] }],
      }),
    );
    expect(m.mentions).toEqual(['U0ALICE', 'W0BOB', 'U0CAROL']);
    expect(m.text).toBe('hey @U0ALICE and @bob, @U0ALICE again');
  });

  it('decodes Slack escapes, channels, specials and links into what a person saw', () => {
    const m = message(messageEvent({ text: '1 &lt; 2 &amp;&amp; 3 &gt; 2 in <#C0GEN|general> <!here> <https://x.example/a?b=1&amp;c=2|click> <mailto:a@b.c>' }));
    expect(m.text).toBe('1 < 2 && 3 > 2 in #general @here click (https://x.example/a?b=1&c=2) mailto:a@b.c');
    expect((m.extra?.slack as { rawText?: string }).rawText).toContain('&lt;');
  });

  it('makes a thread reply a reply to the thread parent and its author', () => {
    const m = message(messageEvent({ ts: '1700000000.000500', thread_ts: '1700000000.000100', parent_user_id: 'U0ALICE', text: 'reply' }));
    expect(m.replyTo).toEqual({ messageId: '1700000000.000100', authorId: 'U0ALICE' });
    expect(m.permalink).toBe('https://acme.slack.com/archives/C0GENERAL/p1700000000000500?thread_ts=1700000000.000100&cid=C0GENERAL');
  });

  it('does not make a thread parent a reply to itself', () => {
    const m = message(messageEvent({ ts: '1700000000.000100', thread_ts: '1700000000.000100', text: 'parent' }));
    expect(m.replyTo).toBeUndefined();
  });

  it('makes a DM seen for a person\'s own authorisation a direct message owned by that person', () => {
    const event = messageEvent({ channel: 'D0DM', channel_type: 'im', user: 'U0STALKER', text: 'answer me' });
    const m = message(event, { authorizations: [{ team_id: 'T0TEAM', user_id: 'U0ALICE', is_bot: false }] });
    expect(m).toMatchObject({ isDirect: true, dmOwnerId: 'U0ALICE', author: { id: 'U0STALKER' } });
  });

  it('skips a person\'s message to the bot\'s own DM (nobody to protect there)', () => {
    expect(skipReason(envelope(messageEvent({ channel: 'D0DM', channel_type: 'im', text: 'hi bot' })))).toContain('to the bot');
  });

  it('keeps file metadata as attachments, and keeps a message that has only files', () => {
    const m = message(
      messageEvent({
        subtype: 'file_share',
        text: '',
        files: [{ id: 'F1', name: 'photo.jpg', mimetype: 'image/jpeg', size: 1234, permalink: 'https://acme.slack.com/files/U0/F1/photo.jpg' }, 'garbage', { id: 'F2' }],
      }),
    );
    expect(m.attachments).toEqual([
      { name: 'photo.jpg', contentType: 'image/jpeg', size: 1234, url: 'https://acme.slack.com/files/U0/F1/photo.jpg' },
      { name: 'F2' },
    ]);
  });

  it('gives the time and the edit time in ISO 8601 and keeps the exact ts', () => {
    const m = message(messageEvent({ ts: '1700000000.123456', edited: { user: 'U0SENDER', ts: '1700000060.000000' }, text: 'x' }));
    expect(m.sentAt).toBe('2023-11-14T22:13:20.123Z');
    expect(m.editedAt).toBe('2023-11-14T22:14:20.000Z');
    expect(m.extra?.slack).toMatchObject({ ts: '1700000000.123456' });
  });

  it('uses the profile name when Slack sends one, and the id otherwise', () => {
    expect(message(messageEvent({ user_profile: { display_name: 'Mallory', real_name: 'M' } })).author.displayName).toBe('Mallory');
    expect(message(messageEvent({})).author.displayName).toBe('U0SENDER');
  });

  it('treats thread broadcasts and /me messages as messages', () => {
    expect(message(messageEvent({ subtype: 'thread_broadcast', text: 'a' })).text).toBe('a');
    expect(message(messageEvent({ subtype: 'me_message', text: 'b' })).text).toBe('b');
  });

  it('replaces lone surrogates so the text is well-formed', () => {
    expect(message(messageEvent({ text: 'bad \ud800 end' })).text).toBe('bad \ufffd end');
  });
});

describe('Slack normaliser: edits, deletions, skips', () => {
  it('an edit in a channel carries the whole edited message (mentions included), so a benign message edited into a threat is judged', () => {
    const event = messageEvent({ subtype: 'message_changed', message: { user: 'U0SENDER', text: 'now a threat <@U0ALICE>', ts: '1700000000.000001', edited: { ts: '1700000100.000001' } }, previous_message: { text: 'hello' } });
    const result = normaliseEvent(envelope(event), ctx);
    if (result.kind !== 'edit') throw new Error(`expected an edit, got ${result.kind}`);
    expect(result.message).toMatchObject({ platform: 'slack', messageId: '1700000000.000001', mentions: ['U0ALICE'], author: { id: 'U0SENDER' } });
    expect(result.message!.text).toBe(result.edit.text);
  });

  it('skips a message_changed that did not change the text (unfurls, reply counts)', () => {
    const event = messageEvent({ subtype: 'message_changed', message: { user: 'U0', text: 'same', ts: '1700000000.000001' }, previous_message: { text: 'same' } });
    expect(skipReason(envelope(event))).toContain('without a change of text');
  });

  it.each([
    ['not an object', null],
    ['no event', { type: 'event_callback' }],
    ['other event types', envelope({ type: 'reaction_added', user: 'U0' })],
    ['no team', { type: 'event_callback', event: { ...messageEvent(), team: undefined } }],
    ['no channel', envelope(messageEvent({ channel: 42 }))],
    ['bad ts', envelope(messageEvent({ ts: 'yesterday' }))],
    ['no author', envelope(messageEvent({ user: undefined }))],
    ['numeric user id', envelope(messageEvent({ user: 12345 }))],
    ['empty text, no files', envelope(messageEvent({ text: '   ' }))],
    ['huge text', envelope(messageEvent({ text: 'x'.repeat(100_001) }))],
    ['bot message', envelope(messageEvent({ subtype: 'bot_message', bot_id: 'B1' }))],
    ['message from an app with a user', envelope(messageEvent({ bot_id: 'B1' }))],
    ['the bot itself', envelope(messageEvent({ user: 'U0BOT' }))],
    ['system subtype', envelope(messageEvent({ subtype: 'channel_topic' }))],
    ['non-string subtype', envelope(messageEvent({ subtype: { evil: true } }))],
    ['changed without message', envelope(messageEvent({ subtype: 'message_changed' }))],
    ['deleted without ts', envelope(messageEvent({ subtype: 'message_deleted', ts: undefined, event_ts: undefined }))],
  ])('skips %s with a reason, never throws', (_name, body) => {
    expect(skipReason(body).length).toBeGreaterThan(5);
  });

  it('survives deeply nested blocks without a stack overflow', () => {
    let deep: unknown = { type: 'user', user_id: 'U0DEEP' };
    for (let i = 0; i < 100_000; i += 1) deep = { elements: [deep] };
    const m = message(messageEvent({ text: 'x', blocks: [deep] }));
    expect(m.mentions).toEqual([]);
  });
});

describe('Slack normaliser: message shortcut', () => {
  it('builds the message from a shortcut in a channel, not as a DM', () => {
    const result = normaliseShortcut({
      type: 'message_action',
      team: { id: 'T0TEAM', domain: 'acme' },
      channel: { id: 'C0GENERAL' },
      user: { id: 'U0ALICE' },
      message: { user: 'U0SENDER', text: 'x', ts: '1700000000.000001' },
    });
    expect(result.ok && result.built.ok && result.built.message).toMatchObject({ isDirect: false, channelId: 'C0GENERAL', author: { id: 'U0SENDER' } });
    expect(result.ok && result.built.ok && result.built.message.dmOwnerId).toBeUndefined();
  });

  it('refuses a shortcut without user, team or channel', () => {
    expect(normaliseShortcut({ type: 'message_action', message: {} })).toEqual({ ok: false, reason: 'shortcut without user, team or channel' });
    expect(normaliseShortcut('nonsense')).toEqual({ ok: false, reason: 'payload is not an object' });
  });
});
