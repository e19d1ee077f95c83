// The fixed parts of report.html around the incident log: content warning, summary, how to verify, and the
// fields the person fills in before handing the report over.
import type { Manifest } from '../bundle-format.js';
import { fingerprint } from '../signing.js';
import { escapeHtml } from './escape.js';
import type { TimeFormatter } from './format-time.js';
import { REPORT_CSS } from './styles.js';
import type { ReportSummary } from './summary.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function pageStart(manifest: Manifest, summary: ReportSummary, time: TimeFormatter, timeZone: string): string {
  const accounts = summary.accounts
    .map((a) => `<li>${escapeHtml(a.names.join(' / ') || '(no name shown)')} <span class="muted">${escapeHtml(a.platform)} id ${escapeHtml(a.id)}${a.createdAt ? `, account created ${escapeHtml(time(a.createdAt))}` : ''}</span>: ${a.messages} ${a.messages === 1 ? 'message' : 'messages'}</li>`)
    .join('');
  const verdicts = Object.entries(summary.byVerdict).map(([label, n]) => `${n} ${escapeHtml(label)}`).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence report for ${escapeHtml(manifest.recipient)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<section class="warning" id="content-warning" role="note"><h2>Content warning</h2>
<p>This report reproduces abusive, threatening or otherwise distressing messages word for word, exactly as they were received. Nothing has been softened or removed. Consider who reads it, and when.</p></section>
<header><h1>Evidence report: messages received by ${escapeHtml(manifest.recipient)}</h1>
<p class="muted">Made ${escapeHtml(time(manifest.exportedAt))} by ${escapeHtml(manifest.tool.name)} ${escapeHtml(manifest.tool.version)}. Times are shown ${timeZone === 'UTC' ? 'in UTC' : `in ${escapeHtml(timeZone)} and in UTC`}.</p></header>
<section id="summary"><h2>Summary</h2>
<dl class="summary">
<dt>Messages</dt><dd id="summary-messages">${summary.messages}${verdicts ? ` <span class="muted">(${verdicts})</span>` : ''}</dd>
<dt>Period</dt><dd id="summary-period">${escapeHtml(time(summary.firstSent))} to ${escapeHtml(time(summary.lastSent))}</dd>
<dt>Platforms</dt><dd>${escapeHtml(summary.platforms.join(', ') || 'none')}</dd>
<dt>Sending accounts</dt><dd id="summary-accounts"><ul>${accounts}</ul></dd>
<dt>Deleted by the sender</dt><dd id="summary-deleted">${summary.deletedBySender}</dd>
<dt>Edited by the sender</dt><dd id="summary-edited">${summary.editedBySender}</dd>
</dl></section>
<section id="log"><h2>Incident log</h2>
<p class="muted">In order of sending. Each entry is one signed record of the archive; its id is given so it can be found in records.jsonl.</p>
`;
}

function field(id: string, title: string, hint: string): string {
  return `<h3 id="${id}-label">${escapeHtml(title)}</h3><div class="field" id="${id}" contenteditable="true" role="textbox" aria-multiline="true" aria-labelledby="${id}-label" data-hint="${escapeHtml(hint)}"></div>`;
}

export function pageEnd(manifest: Manifest): string {
  const keys = manifest.keys.map((k) => `<li><code>${escapeHtml(fingerprint(k.keyId))}</code>${k.keyId === manifest.anchorKeyId ? ' (the chain\u2019s first key)' : ''}</li>`).join('');
  return `</section>
<section id="verify"><h2>How to verify this evidence</h2>
<p>Every message above is a record in <code>records.jsonl</code>, signed with the bot\u2019s Ed25519 key and linked to the record before it by a SHA-256 hash chain; <code>manifest.json</code> states how many records there are and the hash of the last one, and is signed too. Changing, removing, adding or reordering any record breaks the check. In the folder that holds this bundle, with the ACTS bot installed, run:</p>
<pre class="command"><code>${escapeHtml(manifest.verifyWith)}</code></pre>
<p>It needs nothing but the bundle and works offline. Signing key fingerprints (compare them with the ones the bot\u2019s operator publishes):</p><ul>${keys}</ul>
<p class="muted">${manifest.count} records; last record hash <code>${escapeHtml(manifest.head?.hash ?? '')}</code>. Each record is also proven to be in the bot’s public log <code>${escapeHtml(manifest.checkpoint?.origin)}</code> at size ${escapeHtml(manifest.checkpoint?.size)}, root <code>${escapeHtml(manifest.checkpoint?.rootHash)}</code>; give an earlier bundle with <code>--previous</code> to check that nothing was removed since.</p></section>
<section id="statement"><h2>Your statement</h2>
<p class="muted">Fill these in before printing or sending the report.</p>
${field('impact', 'How this has affected you', 'What happened because of these messages: fear, changes to your routine, time off, costs…')}
${field('witnesses', 'Witnesses', 'Who else saw the messages or what followed, and how to reach them')}
${field('reports', 'Reports already made', 'To whom (platform, police, employer), when, and any reference numbers')}
</section>
</body></html>
`;
}
