// OutboundMessage → Telegram HTML (parse_mode HTML) with the upsetting text behind <tg-spoiler>, and an
// inline keyboard whose callback_data fits Telegram's 64 bytes.
import { ACTIONS, type OutboundButton, type OutboundMessage } from '../../src/bot/ports.js';

/** Telegram's limit is 4096 characters after entity parsing; staying under it in HTML is always safe. */
export const MAX_MESSAGE_CHARS = 4000;
const MAX_CALLBACK_BYTES = 64;

const ACTION_CODES: Record<string, string> = { [ACTIONS.notHarassment]: 'n', [ACTIONS.confirm]: 'c', [ACTIONS.exportEvidence]: 'e' };
const CODE_ACTIONS = Object.fromEntries(Object.entries(ACTION_CODES).map(([action, code]) => [code, action]));

export interface InlineButton {
  text: string;
  callback_data: string;
}

export interface Rendered {
  text: string;
  keyboard?: InlineButton[][];
}

export function escapeHtml(text: string): string {
  return wellFormed(text).replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

/** Lone surrogates would make Telegram refuse the whole message. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, '\uFFFD');
}

export function render(message: OutboundMessage): Rendered {
  const tail: string[] = [];
  if (message.link && /^https?:\/\//iu.test(message.link.url)) tail.push(`<a href="${escapeHtml(message.link.url)}">${escapeHtml(clip(message.link.label, 100))}</a>`);
  const tailText = tail.length > 0 ? `\n\n${tail.join('\n')}` : '';
  const warning = message.sensitive ? `\n\n⚠️ <b>${escapeHtml(clip(message.sensitive.warning, 100))}</b> (tap to reveal):\n` : '';
  // The summary and as many whole fields as fit, keeping room for the spoiler; lines are never cut inside a tag.
  const reserve = tailText.length + (message.sensitive ? warning.length + '<tg-spoiler></tg-spoiler>'.length + 300 : 0);
  let body = `<b>${escapeHtml(clip(message.text, 600))}</b>`;
  for (const field of message.fields ?? []) {
    const line = `\n<b>${escapeHtml(clip(field.label, 80))}:</b> ${escapeHtml(clip(field.value, 800))}`;
    if (body.length + line.length + reserve > MAX_MESSAGE_CHARS) {
      body += '\n…';
      break;
    }
    body += line;
  }
  if (message.sensitive) {
    const room = MAX_MESSAGE_CHARS - body.length - warning.length - tailText.length - '<tg-spoiler></tg-spoiler>'.length;
    body += `${warning}<tg-spoiler>${escapeToFit(message.sensitive.text, room)}</tg-spoiler>`;
  }
  const rendered: Rendered = { text: body + tailText };
  const buttons = (message.buttons ?? []).map(button).filter((b): b is InlineButton => b !== undefined);
  if (buttons.length > 0) rendered.keyboard = buttons.length === 3 ? [buttons.slice(0, 2), buttons.slice(2)] : buttons.map((b) => [b]);
  return rendered;
}

function button(b: OutboundButton): InlineButton | undefined {
  const data = `${ACTION_CODES[b.actionId] ?? b.actionId}:${b.value}`;
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return undefined;
  return { text: clip(b.label, 40), callback_data: data };
}

/** callback_data back to the service's action id and value. */
export function parseCallbackData(data: string): { actionId: string; value: string } | undefined {
  const colon = data.indexOf(':');
  if (colon <= 0) return undefined;
  const code = data.slice(0, colon);
  return { actionId: CODE_ACTIONS[code] ?? code, value: data.slice(colon + 1) };
}

/** Escapes as much of `text` as fits in `room` characters of HTML, cutting between code points. */
function escapeToFit(text: string, room: number): string {
  const full = escapeHtml(text);
  if (full.length <= room) return full;
  const note = ' … (cut here; the full text is in the evidence record)';
  let out = '';
  for (const ch of Array.from(wellFormed(text))) {
    const escaped = escapeHtml(ch);
    if (out.length + escaped.length + note.length > Math.max(0, room)) break;
    out += escaped;
  }
  return out + note;
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
