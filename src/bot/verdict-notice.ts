// Explains a verdict to the person it protects (or to a community's moderators): who, where, when, what
// was decided and why, which evidence record keeps it, and the buttons to teach the bot. Deciding stays in
// the pipeline; this file only explains.
import { authorKey } from '../core/keys.js';
import type { Analysis, Message, Verdict } from '../core/types.js';
import { ACTIONS, type OutboundButton, type OutboundMessage } from './ports.js';

export type NoticeAudience = 'recipient' | 'moderators';

const LABELS: Record<Verdict['label'], string> = {
  cyberstalking: 'Cyberstalking',
  grey: 'Possibly harassment (grey zone)',
  clean: 'Not flagged',
};

export function senderName(message: Message): string {
  const name = message.author.displayName.trim() || message.author.id;
  return `${name} (${authorKey(message)})`;
}

export function placeName(message: Message): string {
  if (message.isDirect) return message.extra?.['businessConnectionId'] ? 'your private chat (Business)' : 'a direct message';
  return message.channelName ? message.channelName : `channel ${message.channelId}`;
}

export function explainVerdict(verdict: Verdict, audience: NoticeAudience): string {
  const { offender, detection, identification, personalisation } = verdict.modules;
  const parts = [`decided by ${verdict.rule}`];
  if (offender.listed) parts.push('sender is on the known-offender list');
  parts.push(`text classifier β ${detection.label} (${score(detection.score)})`);
  if (detection.topFeatures.length > 0 && audience === 'recipient') parts.push(`strongest terms: ${detection.topFeatures.slice(0, 3).join(', ')}`);
  parts.push(`writing-style match α ${identification.label} (${score(identification.score)}, history ${identification.historySize})`);
  if (personalisation.value === 1) {
    // A person's own rules are private: moderators only learn that one matched.
    parts.push(audience === 'recipient' ? `matched ${personalisation.matches.map((m) => m.description).join('; ')}` : 'a personal rule or dictionary entry matched');
  }
  return parts.join(' · ');
}

function score(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

export function verdictButtons(handle: string, label: Verdict['label']): OutboundButton[] {
  const buttons: OutboundButton[] = [];
  if (label !== 'clean') buttons.push({ actionId: ACTIONS.notHarassment, label: 'Not harassment', value: handle, style: 'default' });
  buttons.push({ actionId: ACTIONS.confirm, label: 'Confirm', value: handle, style: 'danger' });
  buttons.push({ actionId: ACTIONS.exportEvidence, label: 'Export evidence', value: handle, style: 'primary' });
  return buttons;
}

/** The verdict DM (recipient) or log-channel post (moderators). Moderators get no buttons: they cannot act for the person. */
export function verdictNotice(analysis: Analysis, evidenceId: string, options: { audience: NoticeAudience; handle?: string; recipients?: string[] }): OutboundMessage {
  const { message, verdict } = analysis;
  const headline =
    options.audience === 'recipient'
      ? `${LABELS[verdict.label]}: a message from ${senderName(message)} in ${placeName(message)}`
      : `${LABELS[verdict.label]}: a message from ${senderName(message)} in ${placeName(message)} to ${(options.recipients ?? [analysis.recipient.key]).join(', ')}`;
  const fields = [
    { label: 'From', value: senderName(message) },
    { label: 'Where', value: placeName(message) },
    { label: 'When', value: `${message.sentAt} (UTC)` },
    { label: 'Verdict', value: `${LABELS[verdict.label]} (score ${score(verdict.score)})` },
    { label: 'Why', value: explainVerdict(verdict, options.audience) },
    { label: 'Evidence record', value: evidenceId },
  ];
  if (message.attachments.length > 0) fields.push({ label: 'Attachments', value: message.attachments.map((a) => a.name).join(', ').slice(0, 300) });
  const notice: OutboundMessage = {
    text: headline,
    fields,
    sensitive: { warning: 'The message (may be upsetting)', text: message.text || '(no text)' },
  };
  if (message.permalink) notice.link = { label: 'Open the original', url: message.permalink };
  if (options.audience === 'recipient' && options.handle) notice.buttons = verdictButtons(options.handle, verdict.label);
  return notice;
}
