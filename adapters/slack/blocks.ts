// OutboundMessage → Slack Block Kit. Slack has no spoiler, so sensitive text comes last, after a
// divider and a clear content-warning line, and is never in the notification text.
import type { OutboundMessage } from '../../src/bot/ports.js';
import { escapeMrkdwn } from './mrkdwn.js';

export type Block = { type: string; [key: string]: unknown };

export interface SlackRendered {
  text: string;
  blocks: Block[];
}

// Block Kit limits: 3000 characters per section text, 2000 per field, 10 fields per section, 25 buttons.
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const BUTTON_LABEL_MAX = 75;

function clip(text: string, max: number, note = '…'): string {
  return text.length <= max ? text : `${text.slice(0, max - note.length)}${note}`;
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) } });

function fieldSections(fields: NonNullable<OutboundMessage['fields']>): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < fields.length; i += 10) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + 10).map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, FIELD_MAX) })),
    });
  }
  return blocks;
}

function quote(text: string): string {
  const quoted = escapeMrkdwn(text).split('\n').map((line) => `>${line}`).join('\n');
  return clip(quoted, SECTION_MAX, '\n_(shortened here; the full text is in the evidence record)_');
}

export function renderBlocks(message: OutboundMessage): SlackRendered {
  const blocks: Block[] = [section(escapeMrkdwn(message.text))];
  if (message.fields?.length) blocks.push(...fieldSections(message.fields));
  if (message.link) {
    const url = message.link.url.replace(/[<>|]/g, encodeURIComponent);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${url}|${escapeMrkdwn(message.link.label)}>` }] });
  }
  if (message.buttons?.length) {
    blocks.push({
      type: 'actions',
      elements: message.buttons.slice(0, 25).map((b) => ({
        type: 'button',
        action_id: b.actionId,
        text: { type: 'plain_text', text: clip(b.label, BUTTON_LABEL_MAX), emoji: true },
        value: b.value,
        ...(b.style === 'primary' || b.style === 'danger' ? { style: b.style } : {}),
      })),
    });
  }
  if (message.sensitive) {
    blocks.push({ type: 'divider' });
    blocks.push(section(`:warning: *Content warning:* ${escapeMrkdwn(message.sensitive.warning)}\n_The message is quoted below._`));
    blocks.push(section(quote(message.sensitive.text)));
  }
  return { text: clip(message.text, SECTION_MAX), blocks };
}
