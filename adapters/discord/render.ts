// OutboundMessage → a Discord message: the summary as content, the fields in an embed with the upsetting
// text behind a spoiler, and a row of buttons (the service's actions plus a link to the original).
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { OutboundButton, OutboundMessage } from '../../src/bot/ports.js';
import { encodeCustomId } from './custom-id.js';
import { escapePlain, escapeWithin, spoiler } from './escape.js';

// Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
const LIMITS = { content: 2000, description: 4096, embedTotal: 6000, fields: 25, fieldName: 256, fieldValue: 1024, label: 80, url: 512, buttonsPerRow: 5, rows: 5 };
const SHORTENED = '… (shortened; the full text is in the evidence record)';

export interface RenderedMessage {
  content: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
}

export interface Rendering {
  payload: RenderedMessage;
  /** What could not be shown (for the log): e.g. a button whose value is too long for a custom_id. */
  dropped: string[];
}

const STYLES: Record<NonNullable<OutboundButton['style']>, ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

export function renderOutbound(message: OutboundMessage): Rendering {
  const dropped: string[] = [];
  const embed = renderEmbed(message);
  const buttons: APIButtonComponent[] = [];
  for (const button of message.buttons ?? []) {
    const customId = encodeCustomId(button.actionId, button.value);
    if (!customId) {
      dropped.push(`button ${button.actionId}: value too long for a custom_id`);
      continue;
    }
    buttons.push({ type: ComponentType.Button, custom_id: customId, label: label(button.label), style: STYLES[button.style ?? 'default'] });
  }
  if (message.link) {
    if (isLinkable(message.link.url)) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, url: message.link.url, label: label(message.link.label) });
    else dropped.push('link: not an http(s) URL Discord accepts');
  }
  const components: RenderedMessage['components'] = [];
  for (let i = 0; i < buttons.length && components.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
    components.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  if (buttons.length > LIMITS.rows * LIMITS.buttonsPerRow) dropped.push('buttons beyond 25');
  const content = escapeWithin(message.text, LIMITS.content) || '\u200b';
  return { payload: { content, embeds: embed ? [embed] : [], components }, dropped };
}

function renderEmbed(message: OutboundMessage): APIEmbed | undefined {
  const fields = (message.fields ?? []).slice(0, LIMITS.fields).map((field) => ({
    name: escapeWithin(field.label, LIMITS.fieldName) || '\u200b',
    value: escapeWithin(field.value, LIMITS.fieldValue) || '—',
  }));
  if (fields.length === 0 && !message.sensitive) return undefined;
  const embed: APIEmbed = {};
  if (fields.length > 0) embed.fields = fields;
  if (message.sensitive) {
    const used = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    const warning = escapePlain(message.sensitive.warning);
    const budget = Math.min(LIMITS.description, LIMITS.embedTotal - used) - warning.length - 1;
    embed.description = `${warning}\n${spoiler(message.sensitive.text, Math.max(budget, 60), SHORTENED)}`;
  }
  return embed;
}

function label(text: string): string {
  const trimmed = text.trim() || '…';
  return trimmed.length <= LIMITS.label ? trimmed : `${trimmed.slice(0, LIMITS.label - 1)}…`;
}

function isLinkable(url: string): boolean {
  if (url.length > LIMITS.url) return false;
  try {
    return ['http:', 'https:', 'discord:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
