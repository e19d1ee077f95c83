import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../adapters/slack/blocks.js';
import { toDeliveryError } from '../../../adapters/slack/delivery-errors.js';
import { DeliveryError } from '../../../src/bot/ports.js';

describe('Block Kit rendering', () => {
  it('escapes what others wrote so it cannot ping or forge links', () => {
    const { blocks } = renderBlocks({ text: 'from <@U1> & <!channel>', fields: [{ label: 'Who', value: '<https://evil|bank>' }] });
    const json = JSON.stringify(blocks);
    expect(json).toContain('from &lt;@U1&gt; &amp; &lt;!channel&gt;');
    expect(json).toContain('&lt;https://evil|bank&gt;');
  });

  it('splits more than ten fields over several sections (Slack allows ten per section)', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `f${i}`, value: 'v' }));
    const sections = renderBlocks({ text: 't', fields }).blocks.filter((b) => Array.isArray(b.fields));
    expect(sections.map((s) => (s.fields as unknown[]).length)).toEqual([10, 2]);
  });

  it('shortens a very long sensitive text within Block Kit limits and says where the rest is', () => {
    const { blocks } = renderBlocks({ text: 't', sensitive: { warning: 'threats', text: 'a'.repeat(10_000) } });
    const last = (blocks.at(-1) as unknown as { text: { text: string } }).text.text;
    expect(last.length).toBeLessThanOrEqual(3000);
    expect(last).toContain('evidence record');
  });

  it('maps button styles Slack knows and leaves the default unstyled', () => {
    const { blocks } = renderBlocks({
      text: 't',
      buttons: [
        { actionId: 'a', label: 'A', value: '1', style: 'danger' },
        { actionId: 'b', label: 'B', value: '2', style: 'default' },
      ],
    });
    const elements = (blocks.find((b) => b.type === 'actions') as unknown as { elements: Array<Record<string, unknown>> }).elements;
    expect(elements.map((e) => e.style)).toEqual(['danger', undefined]);
  });
});

describe('Slack errors → DeliveryError', () => {
  const platform = (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

  it('keeps a DeliveryError as it is', () => {
    const original = new DeliveryError({ kind: 'transient', detail: 'x' });
    expect(toDeliveryError(original)).toBe(original);
  });

  it('treats credential problems as unreachable (no retry helps) and server trouble as transient', () => {
    expect(toDeliveryError(platform('token_revoked')).failure.kind).toBe('unreachable');
    expect(toDeliveryError(platform('internal_error')).failure).toEqual({ kind: 'transient', detail: 'slack: internal_error' });
    expect(toDeliveryError(platform('ratelimited')).failure).toEqual({ kind: 'rate-limited', retryAfterMs: 1000 });
  });

  it('reads the rate-limit delay in seconds', () => {
    expect(toDeliveryError({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 }).failure).toEqual({ kind: 'rate-limited', retryAfterMs: 30_000 });
  });

  it('never copies an error message into the detail', () => {
    expect(toDeliveryError(new Error('secret text')).failure).toEqual({ kind: 'transient', detail: 'slack: Error' });
    expect(toDeliveryError(undefined).failure.kind).toBe('transient');
  });
});
