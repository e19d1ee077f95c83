import { describe, expect, it } from 'vitest';
import { THREAT } from '../doubles/analyser.js';
import { caller, groupMessage, harness } from './harness.js';

const VICTIM = '111';

async function setup(options = {}) {
  const h = harness(options);
  await h.service.onCommand({ caller: caller(VICTIM), name: 'protect', args: '' });
  return h;
}

async function threaten(h: ReturnType<typeof harness>, n = 1): Promise<void> {
  for (let i = 0; i < n; i += 1) await h.service.onMessage(groupMessage({ text: `${THREAT} ${i}`, mentions: [VICTIM] }), `flood-${i}`);
}

describe('bot service: DM delivery', () => {
  it('waits out a rate limit for the time the platform asks, then delivers', async () => {
    const h = await setup();
    h.client.failures.push({ kind: 'rate-limited', retryAfterMs: 30_000 });
    await threaten(h);
    expect(await h.service.processQueue()).toEqual({ sent: 0, retrying: 1, dropped: 0 });
    h.clock.advance(29_000);
    await h.service.processQueue();
    expect(h.client.attempts).toHaveLength(1);
    h.clock.advance(1_000);
    await h.service.processQueue();
    expect(h.client.sent).toHaveLength(1);
  });

  it('retries transient errors with growing back-off and gives up after a bounded number of attempts', async () => {
    const h = await setup({ queue: { maxAttempts: 3, baseBackoffMs: 1_000, maxBackoffMs: 60_000, tombstoneTtlMs: 1e9, noClientDelayMs: 1_000 } });
    for (let i = 0; i < 5; i += 1) h.client.failures.push({ kind: 'transient', detail: 'HTTP 502' });
    await threaten(h);
    await h.service.processQueue();
    h.clock.advance(999);
    await h.service.processQueue();
    expect(h.client.attempts).toHaveLength(1);
    h.clock.advance(1);
    await h.service.processQueue();
    expect(h.client.attempts).toHaveLength(2);
    h.clock.advance(1_999);
    await h.service.processQueue();
    expect(h.client.attempts).toHaveLength(2);
    h.clock.advance(1);
    expect(await h.service.processQueue()).toEqual({ sent: 0, retrying: 0, dropped: 1 });
    h.clock.advance(3_600_000);
    await h.service.processQueue();
    expect(h.client.attempts).toHaveLength(3);
    expect(h.service.pendingNotices).toBe(0);
    expect(h.archive.all()).toHaveLength(1);
  });

  it('logs and drops a notice for a person who blocked the bot, keeping the evidence', async () => {
    const h = await setup();
    h.client.failures.push({ kind: 'unreachable', detail: 'blocked by the user' });
    await threaten(h);
    expect(await h.service.processQueue()).toEqual({ sent: 0, retrying: 0, dropped: 1 });
    await h.service.processQueue();
    expect(h.client.attempts).toHaveLength(1);
    expect(h.archive.all()).toHaveLength(1);
    expect(h.log.text()).toMatch(/cannot be reached/);
  });

  it('keeps undelivered notices across a restart', async () => {
    const h = await setup();
    h.client.failures.push({ kind: 'transient', detail: 'HTTP 500' });
    await threaten(h);
    await h.service.processQueue();
    const restarted = harness({}, h);
    await restarted.service.start();
    h.clock.advance(10_000);
    await restarted.service.processQueue();
    await restarted.service.stop();
    expect(restarted.client.directTo(VICTIM)).toHaveLength(1);
  });

  it('with digest on, collects notices into one summary a day without the message text', async () => {
    const h = await setup();
    await h.service.onCommand({ caller: caller(VICTIM), name: 'digest', args: 'on' });
    h.clock.set('2025-03-01T09:00:00Z');
    await threaten(h, 3);
    await h.service.flushDigests();
    await h.service.processQueue();
    expect(h.client.sent).toHaveLength(0);
    h.clock.set('2025-03-01T18:00:00Z');
    expect(await h.service.flushDigests()).toBe(1);
    await h.service.processQueue();
    expect(h.client.sent).toHaveLength(1);
    const digest = h.client.sent[0]!.message;
    expect(digest.text).toMatch(/3 flagged messages/);
    expect(digest.sensitive).toBeUndefined();
    expect(JSON.stringify(digest)).not.toContain(THREAT);
    for (const record of h.archive.all()) expect(JSON.stringify(digest)).toContain(record.id);
    expect(await h.service.flushDigests()).toBe(0);
  });

  it('bounds a flood to one person: a few DMs, then one digest; every message archived', async () => {
    const h = await setup();
    await threaten(h, 50);
    await h.service.flushDigests();
    await h.service.processQueue();
    expect(h.client.sent).toHaveLength(5);
    h.clock.advance(60 * 60_000);
    await h.service.flushDigests();
    await h.service.processQueue();
    expect(h.client.sent).toHaveLength(6);
    expect(h.client.sent[5]!.message.text).toMatch(/45 more flagged messages/);
    expect(h.archive.all()).toHaveLength(50);
  });

  it('a flood digest waiting across a restart is sent once, with every line, and another person\'s lines stay apart', async () => {
    const h = await setup();
    const OTHER = '222';
    await h.service.onCommand({ caller: caller(OTHER), name: 'protect', args: '' });
    await threaten(h, 12);
    for (let i = 0; i < 7; i += 1) await h.service.onMessage(groupMessage({ text: `${THREAT} other ${i}`, mentions: [OTHER] }), `other-${i}`);
    await h.service.flushDigests();
    await h.service.processQueue();
    expect(h.client.directTo(VICTIM)).toHaveLength(5);
    expect(h.client.directTo(OTHER)).toHaveLength(5);
    const restarted = harness({}, h);
    await restarted.service.start();
    h.clock.advance(60 * 60_000);
    expect(await restarted.service.flushDigests()).toBe(2);
    expect(await restarted.service.flushDigests()).toBe(0);
    await restarted.service.processQueue();
    await restarted.service.stop();
    expect(restarted.client.directTo(VICTIM).map((m) => m.message.text)).toEqual([expect.stringMatching(/7 more flagged messages/)]);
    expect(restarted.client.directTo(OTHER).map((m) => m.message.text)).toEqual([expect.stringMatching(/2 more flagged messages/)]);
  });

  it('queues notices while no client is attached and sends them once one is', async () => {
    const h = await setup();
    await threaten(h);
    const restarted = harness({}, h, { attachClient: false });
    await restarted.service.start();
    await restarted.service.processQueue();
    restarted.service.attachClient(restarted.client);
    h.clock.advance(10_000);
    await restarted.service.processQueue();
    await restarted.service.stop();
    expect(restarted.client.sent).toHaveLength(1);
  });
});
