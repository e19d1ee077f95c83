import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/ports.js';
import { THREAT, GREY } from '../doubles/analyser.js';
import { caller, groupMessage, harness } from './harness.js';

const VICTIM = '111';
const SENDER = '666';

async function protectedVictim(h = harness()) {
  await h.service.onCommand({ caller: caller(VICTIM), name: 'protect', args: '' });
  return h;
}

describe('bot service: messages', () => {
  it('sends one verdict DM to a protected person mentioned in a threat, and nothing to the sender', async () => {
    const h = await protectedVictim();
    await h.service.onMessage(groupMessage({ text: `${THREAT} I know where you are`, mentions: [VICTIM] }), 'm1');
    await h.service.processQueue();

    expect(h.client.sent).toHaveLength(1);
    const [dm] = h.client.directTo(VICTIM);
    expect(dm).toBeDefined();
    expect(h.client.sent.filter((s) => s.to === SENDER)).toHaveLength(0);
    const fields = Object.fromEntries(dm!.message.fields!.map((f) => [f.label, f.value]));
    expect(fields['From']).toContain('telegram:666');
    expect(fields['Where']).toBe('Book club');
    expect(fields['Verdict']).toMatch(/Cyberstalking/);
    expect(fields['Why']).toContain('β=1');
    const [record] = h.archive.all();
    expect(fields['Evidence record']).toBe(record!.id);
    expect(dm!.message.sensitive?.text).toContain('I know where you are');
    expect(dm!.message.text).not.toContain('I know where you are');
    expect(dm!.message.link?.url).toMatch(/^https:\/\/t\.me\/c\/1001\//);
    expect(dm!.message.buttons?.map((b) => b.actionId)).toEqual([ACTIONS.notHarassment, ACTIONS.confirm, ACTIONS.exportEvidence]);
    for (const button of dm!.message.buttons!) expect(button.value).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });

  it('finds the recipient of a reply too', async () => {
    const h = await protectedVictim();
    await h.service.onMessage(groupMessage({ text: `${THREAT}`, replyTo: { messageId: '9', authorId: VICTIM } }), 'm1');
    await h.service.processQueue();
    expect(h.client.directTo(VICTIM)).toHaveLength(1);
  });

  it('does nothing for a benign message', async () => {
    const h = await protectedVictim();
    await h.service.onMessage(groupMessage({ text: 'see you at the book club', mentions: [VICTIM] }), 'm1');
    await h.service.processQueue();
    expect(h.client.sent).toHaveLength(0);
    expect(h.archive.all()).toHaveLength(0);
  });

  it('does not analyse anything for a person who did not opt in', async () => {
    const h = harness();
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: [VICTIM] }), 'm1');
    await h.service.processQueue();
    expect(h.analyser.calls).toHaveLength(0);
    expect(h.client.sent).toHaveLength(0);
  });

  it('processes a redelivered event once', async () => {
    const h = await protectedVictim();
    const message = groupMessage({ text: THREAT, mentions: [VICTIM] });
    await h.service.onMessage(message, 'update-1');
    await h.service.onMessage(message, 'update-1');
    await Promise.all([h.service.onMessage(message, 'update-2'), h.service.onMessage(message, 'update-2')]);
    await h.service.processQueue();
    expect(h.analyser.calls).toHaveLength(2);
    expect(h.archive.all()).toHaveLength(1);
    expect(h.client.sent).toHaveLength(1);
  });

  it('after a crash between archiving and marking the event done, the redelivery sends no second DM', async () => {
    const h = await protectedVictim();
    const message = groupMessage({ text: THREAT, mentions: [VICTIM] });
    await h.service.onMessage(message, 'u1');
    await h.service.processQueue();
    // The dedup mark is lost as if the process died just before writing it.
    await h.store.delete('dedup:telegram:u1');
    const restarted = harness({}, h);
    await restarted.service.start();
    await restarted.service.onMessage(message, 'u1');
    await restarted.service.processQueue();
    await restarted.service.stop();
    expect(h.archive.all()).toHaveLength(1);
    expect(h.client.sent.length + restarted.client.sent.length).toBe(1);
  });

  it('a storage failure is not acknowledged: the event is processed again on redelivery', async () => {
    const h = await protectedVictim();
    const message = groupMessage({ text: THREAT, mentions: [VICTIM] });
    h.archive.failNext = 1;
    await expect(h.service.onMessage(message, 'u1')).rejects.toThrow(/locked/);
    await h.service.onMessage(message, 'u1');
    await h.service.processQueue();
    expect(h.archive.all()).toHaveLength(1);
    expect(h.client.sent).toHaveLength(1);
  });

  it('sends grey verdicts only to people who want them (they are archived either way)', async () => {
    const h = await protectedVictim();
    await h.service.onMessage(groupMessage({ text: GREY, mentions: [VICTIM] }), 'm1');
    await h.service.onCommand({ caller: caller(VICTIM), name: 'grey', args: 'off' });
    await h.service.onMessage(groupMessage({ text: GREY, mentions: [VICTIM] }), 'm2');
    await h.service.processQueue();
    expect(h.client.sent).toHaveLength(1);
    expect(h.archive.all()).toHaveLength(2);
  });

  it('never tells the sender, even when the sender is protected too', async () => {
    const h = await protectedVictim();
    await h.service.onCommand({ caller: caller(SENDER), name: 'protect', args: '' });
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: [VICTIM, SENDER] }), 'm1');
    await h.service.processQueue();
    expect(h.client.sent.map((s) => s.to)).toEqual([VICTIM]);
  });

  it('in a watched community analyses everyone, DMs only people who opted in, and posts to the log channel', async () => {
    const h = await protectedVictim();
    const mod = caller('42', { workspaceId: '-1001', channelId: '-1001', isModerator: true });
    await h.service.onCommand({ caller: mod, name: 'watch', args: 'on' });
    await h.service.onCommand({ caller: mod, name: 'logchannel', args: '-100777' });
    await h.service.onMessage(groupMessage({ text: THREAT, mentions: [VICTIM, '222'] }), 'm1');
    await h.service.processQueue();
    expect(h.analyser.calls[0]?.recipients.sort()).toEqual(['telegram:111', 'telegram:222']);
    expect(h.client.sent.filter((s) => s.kind === 'direct').map((s) => s.to)).toEqual([VICTIM]);
    const posts = h.client.sent.filter((s) => s.kind === 'channel');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.to).toBe('-100777');
    expect(posts[0]!.message.buttons).toBeUndefined();
    expect(posts[0]!.message.text).toContain('telegram:222');
  });

  it('records edits and deletions of archived messages once, keeping the original', async () => {
    const h = await protectedVictim();
    const message = groupMessage({ text: THREAT, mentions: [VICTIM] });
    await h.service.onMessage(message, 'm1');
    const ref = { platform: 'telegram' as const, messageId: message.messageId, channelId: message.channelId };
    await h.service.onEdit(ref, { text: 'nothing', editedAt: '2025-03-01T09:01:00Z' }, 'e1');
    await h.service.onEdit(ref, { text: 'nothing', editedAt: '2025-03-01T09:01:00Z' }, 'e1');
    await h.service.onDelete(ref, '2025-03-01T09:02:00Z', 'd1');
    expect(h.archive.all().map((r) => r.kind)).toEqual(['message', 'edit', 'deletion']);
  });

  it('never writes message text to the log', async () => {
    const h = await protectedVictim();
    const secretText = `${THREAT} zebra-orchid-7731`;
    await h.service.onMessage(groupMessage({ text: secretText, mentions: [VICTIM] }), 'm1');
    await h.service.processQueue();
    expect(h.log.lines.length).toBeGreaterThan(0);
    expect(h.log.text()).not.toContain('zebra-orchid');
  });
});
