import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../adapters/discord/commands.js';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/custom-id.js';
import { toDeliveryError } from '../../../adapters/discord/delivery-errors.js';
import { escapePlain } from '../../../adapters/discord/escape.js';
import { renderOutbound } from '../../../adapters/discord/render.js';
import { ACTIONS } from '../../../src/bot/ports.js';

function embedLength(embed: { description?: string; fields?: Array<{ name: string; value: string }> }): number {
  return (embed.description ?? '').length + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

describe('Discord rendering', () => {
  it('shows attacker text literally inside a spoiler it cannot close', () => {
    for (const text of ['a || b', 'end with a backslash \\', '||', '> quote\n# heading\n- list', '[link](https://evil.example)', '<@123> <#456> <t:0>', '```x```']) {
      const { payload } = renderOutbound({ text: 't', sensitive: { warning: 'CW', text } });
      const description = payload.embeds[0]!.description!;
      const inner = description.slice('CW\n||'.length, -2);
      expect(description.startsWith('CW\n||') && description.endsWith('||')).toBe(true);
      expect(inner, text).not.toMatch(/(?<!\\)(\\\\)*\|\|/); // no unescaped || inside
      expect(inner.endsWith('\\') && !inner.endsWith('\\\\'), text).toBe(false); // the closing || is not escaped
    }
  });

  it('escapes markdown in plain text', () => {
    expect(escapePlain('**bold** <@1>')).toBe('\\*\\*bold\\*\\* \\<@1\\>');
    expect(escapePlain('# big\n  - item\n12. twelve\n-# small')).toBe('\\# big\n  \\- item\n12\\. twelve\n\\-# small');
  });

  it('escapes a long text in linear time (discord.js escapeMarkdown takes seconds)', () => {
    expect(escapePlain('|'.repeat(100_000))).toHaveLength(200_000);
  });

  it('keeps within Discord\'s limits whatever the size of the text', () => {
    const huge = 'x'.repeat(10_000);
    const { payload } = renderOutbound({
      text: huge,
      fields: Array.from({ length: 30 }, (_, i) => ({ label: `L${i}${'y'.repeat(300)}`, value: '*'.repeat(2000) })),
      sensitive: { warning: 'CW', text: '|'.repeat(9000) },
    });
    expect(payload.content.length).toBeLessThanOrEqual(2000);
    const embed = payload.embeds[0]!;
    expect(embed.fields).toHaveLength(25);
    for (const field of embed.fields!) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description!.endsWith('||')).toBe(true);
  });

  it('keeps a spoilered text and short fields together under 6000 characters', () => {
    const { payload } = renderOutbound({
      text: 't',
      fields: Array.from({ length: 5 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(1000) })),
      sensitive: { warning: 'CW', text: 'w '.repeat(3000) },
    });
    expect(embedLength(payload.embeds[0]!)).toBeLessThanOrEqual(6000);
    expect(payload.embeds[0]!.description).toContain('shortened');
  });

  it('drops, and reports, a button whose value does not fit a custom_id and a link Discord would refuse', () => {
    const { payload, dropped } = renderOutbound({
      text: 't',
      buttons: [
        { actionId: ACTIONS.confirm, label: 'Confirm', value: 'r'.repeat(200) },
        { actionId: ACTIONS.exportEvidence, label: 'Export', value: 'ok' },
      ],
      link: { label: 'Open', url: 'javascript:alert(1)' },
    });
    expect(payload.components.flatMap((r) => r.components)).toHaveLength(1);
    expect(dropped).toHaveLength(2);
  });

  it('puts at most five buttons in a row', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({ actionId: ACTIONS.confirm, label: `b${i}`, value: String(i) }));
    const { payload } = renderOutbound({ text: 't', buttons });
    expect(payload.components.map((r) => r.components.length)).toEqual([5, 2]);
  });

  it('round-trips custom ids and refuses ones it did not issue', () => {
    const id = encodeCustomId(ACTIONS.notHarassment, 'rec|with|bars')!;
    expect(decodeCustomId(id)).toEqual({ actionId: ACTIONS.notHarassment, value: 'rec|with|bars' });
    expect(decodeCustomId('other_action|1')).toBeUndefined();
    expect(decodeCustomId('no-bar')).toBeUndefined();
  });
});

describe('Discord delivery errors', () => {
  const apiError = (status: number, code: number) => new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', 'http://x', { body: { content: 'secret text' } });

  it('maps Discord\'s answers to what the queue should do', () => {
    expect(toDeliveryError(apiError(403, 50007)).failure.kind).toBe('unreachable');
    expect(toDeliveryError(apiError(404, 10003)).failure.kind).toBe('unreachable');
    expect(toDeliveryError(apiError(400, 10013)).failure.kind).toBe('unreachable');
    expect(toDeliveryError(new HTTPError(503, 'Service Unavailable', 'POST', 'http://x', {})).failure.kind).toBe('transient');
    const limited = new RateLimitError({ global: false, method: 'POST', url: 'http://x', route: '/channels/:id/messages', majorParameter: '1', hash: 'h', limit: 5, timeToReset: 60_000, retryAfter: 60_000, sublimitTimeout: 0, scope: 'user' });
    expect(toDeliveryError(limited).failure).toEqual({ kind: 'rate-limited', retryAfterMs: 60_000 });
    expect(toDeliveryError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).failure).toEqual({ kind: 'transient', detail: 'Error ECONNRESET' });
  });

  it('never carries the request body (the DM text) into the failure', () => {
    expect(JSON.stringify(toDeliveryError(apiError(400, 50035)).failure)).not.toContain('secret text');
  });
});

describe('Discord application commands', () => {
  it('fit Discord\'s naming and length rules', () => {
    for (const command of COMMANDS) {
      if (command.type === 1) expect(command.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      else expect(command.name.length).toBeLessThanOrEqual(32);
      const options = ('options' in command ? command.options ?? [] : []) as Array<{ name: string; description: string; options?: Array<{ name: string; description: string }> }>;
      expect(options.length).toBeLessThanOrEqual(25);
      for (const option of options.flatMap((o) => [o, ...(o.options ?? [])])) {
        expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(option.description.length).toBeGreaterThan(0);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
