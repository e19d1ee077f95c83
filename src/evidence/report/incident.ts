// One entry of the incident log: when, where, who, what they wrote, what the bot concluded and why, the
// link, who could see it, and what the sender did to it later. Every value is escaped.
import type { EvidenceRecord, Verdict } from '../../core/types.js';
import { escapeHtml, linkOrText } from './escape.js';
import type { TimeFormatter } from './format-time.js';
import { emailOrigin, importedFrom } from './provenance.js';

const VERDICT_WORDS: Record<string, string> = { cyberstalking: 'Cyberstalking', grey: 'Possibly harassment (grey area)', clean: 'Not flagged' };

function row(label: string, html: string): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${html}</td></tr>`;
}

export function verdictReasons(verdict: Verdict | undefined): string[] {
  if (!verdict) return [];
  const m = verdict.modules;
  const reasons = [`decided by rule ${verdict.rule}`];
  if (m?.offender?.listed) reasons.push('the sender is on the recipient\u2019s list of known offenders');
  if (m?.detection) {
    const terms = m.detection.topFeatures?.length ? `; strongest terms: ${m.detection.topFeatures.slice(0, 8).join(', ')}` : '';
    reasons.push(`text classifier: ${m.detection.label} (score ${Number(m.detection.score).toFixed(2)})${terms}`);
  }
  if (m?.identification && m.identification.historySize > 0) {
    reasons.push(`writing style compared with ${m.identification.historySize} confirmed abusive messages: ${m.identification.label} (score ${Number(m.identification.score).toFixed(2)})`);
  }
  for (const match of m?.personalisation?.matches ?? []) reasons.push(`${match.source === 'rule' ? 'recipient\u2019s rule' : 'threat dictionary'}: ${match.description}`);
  return reasons;
}

function optionalRow(label: string, html: string | undefined): string {
  return html ? row(label, html) : '';
}

function audience(record: EvidenceRecord): string {
  const a = record.message?.audience;
  if (record.message?.isDirect && !a?.userIds?.length) return 'Direct message: the sender and the recipient';
  if (!a) return 'Not known';
  const ids = a.userIds ?? [];
  const shown = ids.slice(0, 40).map(escapeHtml).join(', ');
  const count = a.count ?? ids.length;
  return `${count} ${count === 1 ? 'person' : 'people'}${shown ? `: ${shown}${ids.length > 40 ? ` and ${ids.length - 40} more` : ''}` : ''}`;
}

function attachments(record: EvidenceRecord): string {
  const list = record.message?.attachments ?? [];
  if (list.length === 0) return '';
  const items = list.map((a) => {
    const facts = [a.contentType, a.size !== undefined ? `${a.size} bytes` : undefined, a.sha256 ? `SHA-256 ${a.sha256}` : 'content not fetched'].filter(Boolean);
    return `<li>${a.url ? linkOrText(a.url, a.name) : escapeHtml(a.name)} <span class="muted">(${escapeHtml(facts.join(', '))})</span></li>`;
  });
  return row('Attachments', `<ul>${items.join('')}</ul>`);
}

function followUps(list: EvidenceRecord[], time: TimeFormatter): string {
  if (list.length === 0) return '';
  const items = list.map((f) =>
    f.kind === 'deletion'
      ? `<li class="deleted"><strong>Deleted by the sender</strong> at ${escapeHtml(time(f.occurredAt))} (record ${escapeHtml(f.id)}). The text above is what was sent.</li>`
      : `<li><strong>Edited by the sender</strong> at ${escapeHtml(time(f.occurredAt))} (record ${escapeHtml(f.id)}); new text:<blockquote class="text">${escapeHtml(f.message?.text)}</blockquote></li>`,
  );
  return row('Later', `<ul class="later">${items.join('')}</ul>`);
}

export function renderIncident(n: number, record: EvidenceRecord, later: EvidenceRecord[], time: TimeFormatter): string {
  const m = record.message!;
  const place = [m.workspaceId ? `workspace ${m.workspaceId}` : undefined, m.isDirect ? 'direct message' : `${m.channelName ? `#${m.channelName} ` : ''}(channel ${m.channelId})`].filter(Boolean).join(', ');
  const author = `${escapeHtml(m.author.displayName || '(no name shown)')} <span class="muted">id ${escapeHtml(m.author.id)}${m.author.createdAt ? `, account created ${escapeHtml(time(m.author.createdAt))}` : ''}</span>`;
  const label = record.verdict?.label ?? 'unknown';
  const reasons = verdictReasons(record.verdict).map((r) => `<li>${escapeHtml(r)}</li>`).join('');
  return [
    `<article class="incident verdict-${escapeHtml(label)}" id="record-${escapeHtml(record.id)}">`,
    `<h3>${n}. ${escapeHtml(time(m.sentAt))}</h3>`,
    '<table class="facts">',
    row('Platform', escapeHtml(m.platform)),
    row('Place', escapeHtml(place)),
    row('Sender', author),
    row('Message', `<blockquote class="text">${escapeHtml(m.text) || '<span class="muted">(no text)</span>'}</blockquote>`),
    attachments(record),
    row('Verdict', `<strong>${escapeHtml(VERDICT_WORDS[label] ?? label)}</strong><ul class="why">${reasons}</ul>`),
    row('Link', m.permalink ? linkOrText(m.permalink) : '<span class="muted">none</span>'),
    row('Who could see it', audience(record)),
    m.editedAt ? row('Edited', escapeHtml(time(m.editedAt))) : '',
    optionalRow('Email origin', emailOrigin(record, time)),
    optionalRow('Source', importedFrom(record)),
    followUps(later, time),
    row('Record', `${escapeHtml(record.id)} <span class="muted">archived ${escapeHtml(time(record.archivedAt))}; message id ${escapeHtml(m.messageId)}</span>`),
    '</table>',
    '</article>',
  ].join('\n');
}
