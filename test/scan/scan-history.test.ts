import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { openSource } from '../../src/scan/open-source.js';
import { PersonNotFoundError, resolvePerson } from '../../src/scan/resolve-person.js';
import { scanHistory } from '../../src/scan/scan-history.js';
import type { ImportSource, ScanItem } from '../../src/scan/types.js';
import { tempDir } from '../helpers/temp-dir.js';
import { MemorySink, MemoryState, WordAnalyser } from './doubles.js';
import { FIXTURES } from './helpers.js';

async function scan(file: string, recipient: string, offenders: string[] = [], deps = { state: new MemoryState(), sink: new MemorySink() }) {
  const source = await openSource(file);
  const person = await resolvePerson(source, recipient, () => openSource(file));
  const analyser = new WordAnalyser(deps.state, deps.sink);
  const summary = await scanHistory({ source, recipient: person, analyser, state: deps.state, offenders });
  return { summary, analyser, ...deps, person };
}

describe('scanHistory', () => {
  it('analyses everything the other side of a Telegram personal chat wrote, and finds the exporter by name', async () => {
    const { summary, analyser, sink, person } = await scan(path.join(FIXTURES, 'telegram/result.json'), 'Alice Example');
    expect(person).toMatchObject({ key: 'telegram:1001', userId: '1001', seen: true });
    expect(analyser.seen.map((s) => s.message.messageId)).toEqual(['102', '104', '105', '106', '108']);
    expect(analyser.seen.every((s) => s.recipient.reason === 'dm' && s.recipient.key === 'telegram:1001')).toBe(true);
    // Keyed as the Telegram adapter keys a Business chat: OWNER:PEER.
    expect(analyser.seen[0]!.message.channelId).toBe('1001:2002');
    expect(summary).toMatchObject({ read: 6, analysed: 5, fromRecipient: 1, flagged: 2, grey: 0, clean: 3, archived: 2, attachmentOnly: 2 });
    expect(summary.skipped).toEqual({ 'service message': 1, 'message with no text': 1 });
    expect(summary.firstAt).toBe('2024-03-01T09:01:00.000Z');
    expect(summary.lastAt).toBe('2024-03-02T22:40:00.000Z');
    expect(summary.senders).toEqual([expect.objectContaining({ key: 'telegram:2002', name: 'Mallory Stone', messages: 5, flagged: 2 })]);
    expect(sink.records.map((r) => r.message.messageId)).toEqual(['104', '108']);
    // The photo saved beside result.json is hashed for the evidence; the one left out of the export is not.
    const photo = analyser.seen[2]!.message.attachments[0]!;
    const bytes = readFileSync(path.join(FIXTURES, 'telegram/photos/photo_1@01-03-2024_09-10-00.jpg'));
    expect(photo.sha256).toBe((await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'));
    expect(analyser.seen[3]!.message.attachments[0]!.sha256).toBeUndefined();
  });

  it('lists --offender senders first and grows their writeprint history as the history is read; a re-run archives nothing twice', async () => {
    const deps = { state: new MemoryState(), sink: new MemorySink() };
    const file = path.join(FIXTURES, 'telegram/result.json');
    const first = await scan(file, '1001', ['telegram:2002'], deps);
    expect(first.summary).toMatchObject({ flagged: 5, archived: 5, alreadyArchived: 0 });
    expect(first.summary.senders[0]!.listed).toBe(true);
    expect(deps.state.texts.get('telegram:1001')).toEqual(['why are you ignoring me', 'I know where you live, Alice. Ask @alice_friend or Bob, see this', 'you cannot hide from me']);
    const again = await scan(file, 'user1001', ['telegram:2002'], deps);
    expect(again.summary).toMatchObject({ flagged: 5, archived: 0, alreadyArchived: 5 });
    expect(deps.sink.records).toHaveLength(5);
    expect(deps.state.texts.get('telegram:1001')).toHaveLength(3);
  });

  it('in a group, picks the replies to the recipient and the mentions of them, nothing else', async () => {
    const { analyser, summary } = await scan(path.join(FIXTURES, 'telegram/group/result.json'), '1001');
    expect(analyser.seen.map((s) => [s.message.messageId, s.recipient.reason])).toEqual([
      ['13', 'reply'],
      ['14', 'mention'],
    ]);
    expect(summary.byReason).toEqual({ dm: 0, mention: 1, reply: 1 });
  });

  it('in a Slack export, picks thread replies, DMs and mentions for a recipient named by display name', async () => {
    const { analyser, person, summary } = await scan(path.join(FIXTURES, 'slack'), 'alice');
    expect(person.key).toBe('slack:T05TEAM001:U05ALICE01');
    expect(analyser.seen.map((s) => [s.message.messageId, s.recipient.reason])).toEqual([
      ['1709283800.000300', 'reply'],
      ['1709283810.000310', 'dm'],
      ['1709283900.000400', 'mention'],
      ['1709370060.000200', 'mention'],
    ]);
    expect(summary.flagged).toBe(2);
  });

  it('in a mailbox, analyses mail from others and not the recipient\'s own', async () => {
    const { analyser, summary } = await scan(path.join(FIXTURES, 'email/inbox.mbox'), 'email:Alice@Inbox-Provider.example');
    expect(analyser.seen.map((s) => s.message.author.id)).toEqual(['mallory@sender-mail.example', 'mallory.alt@freemail.example']);
    expect(analyser.seen[0]!.recipient.key).toBe('email:alice@inbox-provider.example');
    // One mail is one record wherever it was saved: its channel is the mailbox owner, its folder the channel name.
    expect(analyser.seen[0]!.message).toMatchObject({ channelId: 'alice@inbox-provider.example', channelName: 'inbox' });
    expect(summary.fromRecipient).toBe(1);
  });

  it('names the people of the export when the recipient is not among them', async () => {
    const file = path.join(FIXTURES, 'discord/guild-general.json');
    const source = await openSource(file);
    const error = await resolvePerson(source, 'Nobody Here', () => openSource(file)).catch((e: unknown) => e);
    await source.close();
    expect(error).toBeInstanceOf(PersonNotFoundError);
    expect((error as Error).message).toMatch(/Mallory \(381234567890123456\)/);
  });

  it('stops at a truncated export saying where, after scanning everything before it', async () => {
    const dir = tempDir('trunc');
    const whole = readFileSync(path.join(FIXTURES, 'telegram/result.json'), 'utf8');
    const file = path.join(dir, 'result.json');
    writeFileSync(file, whole.slice(0, whole.indexOf('"id": 106')));
    const { summary } = await scan(file, '1001');
    expect(summary.read).toBe(4);
    expect(summary.analysed).toBe(3);
    expect(summary.stoppedAt!.position).toMatch(/^result\.json near byte \d+, line \d+, after 5 complete elements$/);
    expect(summary.stoppedAt!.problem).toMatch(/truncated/);
  });
});

function fakeSource(messages: Message[]): ImportSource {
  return {
    format: 'discord',
    platform: 'discord',
    path: 'fake.json',
    directory: [],
    notes: [],
    progress: { bytesRead: 0, totalBytes: 0 },
    async *items(): AsyncGenerator<ScanItem> {
      for (const message of messages) yield { message };
    },
    close: () => Promise.resolve(),
  };
}

describe('identification across accounts, in history order', () => {
  const dm = (id: string, author: string, text: string, sentAt: string): Message => ({
    platform: 'discord',
    channelId: `dm-${author}`,
    messageId: id,
    author: { id: author, displayName: author },
    text,
    sentAt,
    mentions: [],
    attachments: [],
    isDirect: true,
  });
  const messages = [
    dm('1', '111111111111111111', 'remember the lighthouse evening', '2024-01-01T00:00:00Z'),
    dm('2', '222222222222222222', 'lovely lighthouse picture', '2024-02-01T00:00:00Z'),
  ];
  const recipient = { platform: 'discord' as const, userId: '999999999999999999', key: 'discord:999999999999999999', seen: true };

  it('reports a new account whose writing matches the confirmed offender read earlier', async () => {
    const state = new MemoryState();
    const summary = await scanHistory({ source: fakeSource(messages), recipient, analyser: new WordAnalyser(state, new MemorySink()), state, offenders: ['discord:111111111111111111'] });
    expect(summary.writingMatchesOffender.map((s) => s.key)).toEqual(['discord:222222222222222222']);
  });

  it('cannot, when the offender\'s words come later (which is why the scan keeps time order)', async () => {
    const state = new MemoryState();
    const summary = await scanHistory({ source: fakeSource([...messages].reverse()), recipient, analyser: new WordAnalyser(state, new MemorySink()), state, offenders: ['discord:111111111111111111'] });
    expect(summary.writingMatchesOffender).toEqual([]);
    expect(summary.outOfOrder).toBe(1);
  });
});
