import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../src/core/types.js';
import { timeFormatter } from '../../src/evidence/report/format-time.js';
import { renderIncident } from '../../src/evidence/report/incident.js';
import { openEml } from '../../src/scan/eml.js';
import { drain, FIXTURES } from './helpers.js';

describe('the report of an imported record', () => {
  it('names the export it came from and what the mail headers say about its origin, escaped', async () => {
    const { messages } = await drain(await openEml(path.join(FIXTURES, 'email/threat.eml')));
    const message = messages[0]!;
    message.extra = { ...message.extra, whois: { ip: [{ server: 'whois.example', query: '198.51.100.23', at: '2024-06-01T10:00:00.000Z', answer: 'x' }] } };
    const record: EvidenceRecord = {
      v: 1,
      id: 'r1',
      kind: 'message',
      recipient: 'email:alice@inbox-provider.example',
      seq: 0,
      prev: '0'.repeat(64),
      archivedAt: '2024-06-01T10:00:00.000Z',
      message,
      verdict: {
        label: 'cyberstalking',
        score: 1,
        rule: 'known-offender',
        modules: {
          offender: { listed: true, senderKey: 'email:mallory@sender-mail.example' },
          detection: { label: 'not', score: 0.1, topFeatures: [], modelId: 'm' },
          identification: { label: 'not', score: 0, burstSize: 1, historySize: 0, details: {} },
          personalisation: { value: 0, matches: [], allowed: false },
        },
      },
      imported: { sourceFile: 'threat<script>.eml', sourceSha256: 'ab'.repeat(32) },
      keyId: 'k',
      sig: 's',
    };
    const html = renderIncident(1, record, [], timeFormatter('UTC'));
    expect(html).toContain('Imported from the exported history <code>threat&lt;script&gt;.eml</code>');
    expect(html).toContain(`SHA-256 ${'ab'.repeat(32)}`);
    expect(html).toContain('originating IP 198.51.100.23');
    expect(html).toContain('SPF pass, DKIM pass, DMARC pass');
    expect(html).toContain('3 Received headers kept in the record');
    expect(html).toMatch(/WHOIS \(ip\) from whois\.example at /);
    expect(html).toContain('2 people: alice@inbox-provider.example, bob@elsewhere.example');
    expect(html).not.toContain('<script>');
  });
});
