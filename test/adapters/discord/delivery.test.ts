// Real discord.js REST against the fake: verdict DMs, log-channel posts, files, and what each failure
// becomes for the delivery queue.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, DeliveryError, type OutboundMessage } from '../../../src/bot/ports.js';
import { newSnowflake } from '../../fakes/discord/index.js';
import { RecordingBotService } from '../../fakes/discord/recording-service.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { startHarness, type Harness } from './harness.js';

const MESSAGES = /^\/channels\/\d+\/messages$/;
let h: Harness;
const dir = tempDir('discord');

beforeAll(async () => {
  h = await startHarness(new RecordingBotService());
});
afterAll(async () => {
  await h?.close();
});

const verdict = (recordId: string): OutboundMessage => ({
  text: 'Possible cyberstalking in Test server',
  fields: [
    { label: 'From', value: 'mallory' },
    { label: 'Verdict', value: 'cyberstalking (known offender)' },
    { label: 'Record', value: recordId },
  ],
  sensitive: { warning: 'Content warning: threat', text: 'I know where you live || see **you** <@1> soon\\' },
  link: { label: 'Open the message', url: 'https://discord.com/channels/1/2/3' },
  buttons: [
    { actionId: ACTIONS.notHarassment, label: 'Not harassment', value: recordId },
    { actionId: ACTIONS.confirm, label: 'Confirm', value: recordId, style: 'danger' },
    { actionId: ACTIONS.exportEvidence, label: 'Export evidence', value: recordId, style: 'primary' },
  ],
});

async function deliveryFailure(send: Promise<void>): Promise<DeliveryError> {
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('Discord adapter: delivery', () => {
  it('sends a verdict as a DM: opens the DM channel, then posts the embed, spoiler and buttons', async () => {
    const userId = newSnowflake();
    await h.adapter.client.sendDirect(userId, verdict('rec-1'));
    const [open] = h.fake.rest.callsTo('POST', /^\/users\/@me\/channels$/);
    expect(open!.body).toEqual({ recipient_id: userId });
    const dmChannel = h.fake.rest.dmChannelOf(userId)!;
    const [post] = h.fake.rest.callsTo('POST', new RegExp(`^/channels/${dmChannel}/messages$`));
    const body = post!.body as {
      content: string;
      embeds: Array<{ description: string; fields: Array<{ name: string; value: string }> }>;
      components: Array<{ components: Array<{ custom_id?: string; url?: string; style: number; label: string }> }>;
      allowed_mentions: { parse: string[] };
    };
    expect(body.content).toBe('Possible cyberstalking in Test server');
    expect(body.allowed_mentions.parse).toEqual([]);
    const description = body.embeds[0]!.description;
    expect(description.startsWith('Content warning: threat\n||')).toBe(true);
    expect(description.endsWith('||')).toBe(true);
    // The attacker's text cannot close the spoiler, format itself, or render a mention.
    const inner = description.slice(description.indexOf('||') + 2, -2);
    expect(inner).not.toMatch(/(?<!\\)\|\|/);
    expect(inner).toContain('\\*\\*you\\*\\*');
    expect(inner).toContain('\\<@1\\>');
    expect(inner.endsWith('\\\\')).toBe(true);
    expect(body.embeds[0]!.fields).toEqual([
      { name: 'From', value: 'mallory' },
      { name: 'Verdict', value: 'cyberstalking (known offender)' },
      { name: 'Record', value: 'rec-1' },
    ]);
    const buttons = body.components.flatMap((row) => row.components);
    expect(buttons.map((b) => b.custom_id ?? b.url)).toEqual([`${ACTIONS.notHarassment}|rec-1`, `${ACTIONS.confirm}|rec-1`, `${ACTIONS.exportEvidence}|rec-1`, 'https://discord.com/channels/1/2/3']);
    expect(buttons[3]!.style).toBe(5);
  });

  it('opens a person\'s DM channel once', async () => {
    const userId = newSnowflake();
    await h.adapter.client.sendDirect(userId, { text: 'one' });
    await h.adapter.client.sendDirect(userId, { text: 'two' });
    expect(h.fake.rest.callsTo('POST', /^\/users\/@me\/channels$/).filter((c) => (c.body as { recipient_id: string }).recipient_id === userId)).toHaveLength(1);
    expect(h.fake.rest.callsTo('POST', new RegExp(`^/channels/${h.fake.rest.dmChannelOf(userId)!}/messages$`))).toHaveLength(2);
  });

  it('waits out a 429 for its retry-after, then delivers', async () => {
    const userId = newSnowflake();
    h.fake.rest.rateLimitNext('POST', MESSAGES, 0.4);
    await h.adapter.client.sendDirect(userId, { text: 'after the wait' });
    const posts = h.fake.rest.callsTo('POST', new RegExp(`^/channels/${h.fake.rest.dmChannelOf(userId)!}/messages$`));
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    // Not retried before the server's retry-after had passed.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(400);
  });

  it('hands a long rate limit back to the queue instead of blocking', async () => {
    h.fake.rest.rateLimitNext('POST', MESSAGES, 600);
    const error = await deliveryFailure(h.adapter.client.sendDirect(newSnowflake(), { text: 'later' }));
    expect(error.failure.kind).toBe('rate-limited');
    expect(error.failure.kind === 'rate-limited' && error.failure.retryAfterMs).toBeGreaterThanOrEqual(600_000);
  });

  it('reports a person who closed their DMs (50007) as unreachable', async () => {
    h.fake.rest.failNext('POST', MESSAGES, { status: 403, code: 50007, message: 'Cannot send messages to this user' });
    const error = await deliveryFailure(h.adapter.client.sendDirect(newSnowflake(), { text: 'x' }));
    expect(error.failure).toEqual({ kind: 'unreachable', detail: expect.stringContaining('50007') });
  });

  it('reports an unknown user (10013) as unreachable', async () => {
    h.fake.rest.failNext('POST', /^\/users\/@me\/channels$/, { status: 400, code: 10013, message: 'Unknown User' });
    const error = await deliveryFailure(h.adapter.client.sendDirect(newSnowflake(), { text: 'x' }));
    expect(error.failure.kind).toBe('unreachable');
  });

  it('retries a 5xx, and reports a persistent one as transient', async () => {
    const userId = newSnowflake();
    h.fake.rest.failNext('POST', MESSAGES, { status: 502 }, 50);
    const error = await deliveryFailure(h.adapter.client.sendDirect(userId, { text: 'x' }));
    h.fake.rest.clearFailures();
    expect(error.failure).toEqual({ kind: 'transient', detail: 'discord HTTP 502' });
    expect(h.fake.rest.callsTo('POST', new RegExp(`^/channels/${h.fake.rest.dmChannelOf(userId)!}/messages$`)).length).toBeGreaterThan(1);
  });

  it('refuses an id that is not a snowflake without calling Discord', async () => {
    const before = h.fake.rest.calls.length;
    const error = await deliveryFailure(h.adapter.client.sendDirect('12345678901234567890123', { text: 'x' }));
    expect(error.failure.kind).toBe('unreachable');
    expect(h.fake.rest.calls.length).toBe(before);
  });

  it('posts to a moderator log channel, and reports an unknown channel as unreachable', async () => {
    await h.adapter.client.postToChannel(h.modLog, verdict('rec-2'));
    expect(h.fake.rest.callsTo('POST', new RegExp(`^/channels/${h.modLog}/messages$`))).toHaveLength(1);
    const error = await deliveryFailure(h.adapter.client.postToChannel(newSnowflake(), { text: 'x' }));
    expect(error.failure.kind).toBe('unreachable');
  });

  it('attaches the export bundle as a file, and says how to get one it cannot attach', async () => {
    const bundle = path.join(dir, 'evidence.zip');
    await writeFile(bundle, 'PK fake bundle');
    const userId = newSnowflake();
    await h.adapter.client.sendDirect(userId, { text: 'Your evidence', file: { path: bundle, name: 'acts-evidence.zip' } });
    await h.adapter.client.sendDirect(userId, { text: 'Your evidence', file: { path: path.join(dir, 'missing.zip'), name: 'x.zip' } });
    const [withFile, withoutFile] = h.fake.rest.callsTo('POST', new RegExp(`^/channels/${h.fake.rest.dmChannelOf(userId)!}/messages$`));
    expect(withFile!.files).toEqual(['acts-evidence.zip']);
    expect(withoutFile!.files).toEqual([]);
    expect((withoutFile!.body as { content: string }).content).toContain('acts export');
  });
});
