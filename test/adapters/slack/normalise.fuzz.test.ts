// Property tests: whatever Slack (or a forger who somehow got past the signature) sends, the normalisers
// answer with a message or a reasoned skip and never throw; what they produce is well-formed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../adapters/slack/listeners/commands.js';
import { mrkdwnToPlain } from '../../../adapters/slack/mrkdwn.js';
import { normaliseEvent } from '../../../adapters/slack/normalise-event.js';
import { normaliseShortcut } from '../../../adapters/slack/normalise-shortcut.js';
import { envelope, messageEvent } from '../../fakes/slack/payloads.js';

const ctx = { botUserId: 'U0BOT', workspaceUrl: () => 'https://acme.slack.com/' };

/** A valid envelope with some fields replaced by arbitrary JSON values. */
const mutatedEnvelope = fc
  .record({
    eventField: fc.constantFrom('type', 'channel', 'user', 'text', 'ts', 'thread_ts', 'subtype', 'files', 'blocks', 'message', 'previous_message', 'channel_type', 'bot_id', 'edited'),
    envField: fc.constantFrom('team_id', 'event', 'authorizations', 'event_id'),
    value: fc.jsonValue(),
    touchEnvelope: fc.boolean(),
    subtype: fc.constantFrom(undefined, 'message_changed', 'message_deleted', 'file_share', 'bot_message', 'thread_broadcast'),
  })
  .map(({ eventField, envField, value, touchEnvelope, subtype }) => {
    const event: Record<string, unknown> = { ...messageEvent({ text: '<@U0ALICE> hi', subtype }), [eventField]: value };
    const body: Record<string, unknown> = envelope(event);
    if (touchEnvelope) body[envField] = value;
    return body;
  });

/** Any UTF-16 (lone surrogates included) mixed with the tokens mrkdwn parsing cares about. */
const slackishText = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), fc.constantFrom('<', '>', '|', '&lt;', '&amp;', '<@U1>', '<!here>', '<#C1|x>', ' ', '\n', '\ud800')), { maxLength: 200 })
  .map((parts) => parts.join(''));

function wellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('Slack normalisers under random input', () => {
  it('never throws on arbitrary JSON, and answers a known kind', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const result = normaliseEvent(body, ctx);
        expect(['message', 'edit', 'delete', 'skip']).toContain(result.kind);
      }),
      { numRuns: 500 },
    );
  });

  it('on mutated real payloads produces only well-formed messages with string ids', () => {
    fc.assert(
      fc.property(mutatedEnvelope, (body) => {
        const result = normaliseEvent(body, ctx);
        if (result.kind === 'skip') expect(result.reason.length).toBeGreaterThan(0);
        if (result.kind === 'message') {
          const m = result.message;
          for (const id of [m.messageId, m.channelId, m.author.id, ...m.mentions]) expect(typeof id).toBe('string');
          expect(wellFormed(m.text)).toBe(true);
          expect(Number.isNaN(Date.parse(m.sentAt))).toBe(false);
          expect(m.author.id).not.toBe('U0BOT');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary shortcut payloads', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (payload, message) => {
        const base = { type: 'message_action', team: { id: 'T0TEAM' }, channel: { id: 'C1' }, user: { id: 'U1' }, message };
        expect(typeof normaliseShortcut(payload).ok).toBe('boolean');
        expect(typeof normaliseShortcut(base).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('turns any text into well-formed plain text, and any command line into a bounded name', () => {
    fc.assert(
      fc.property(slackishText, (text) => {
        expect(wellFormed(mrkdwnToPlain(text))).toBe(true);
        const { name, args } = parseCommandText(text);
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(32);
        expect(/\s/.test(name)).toBe(false);
        expect(args).toBe(args.trim());
      }),
      { numRuns: 1000 },
    );
  });
});
