import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEml } from '../../src/scan/eml.js';
import { openMbox } from '../../src/scan/mbox.js';
import { drain, FIXTURES } from './helpers.js';

type Email = Record<string, unknown>;

describe('email: .eml', () => {
  it('decodes a multipart mail with encoded headers and keeps every header the evidence needs', async () => {
    const { messages, people } = await drain(await openEml(path.join(FIXTURES, 'email/threat.eml')));
    expect(messages).toHaveLength(1);
    const mail = messages[0]!;
    expect(mail).toMatchObject({
      platform: 'email',
      messageId: '<20240305100001.9A1B2C3D@sender-mail.example>',
      author: { id: 'mallory@sender-mail.example', displayName: 'Mallory Stöne' },
      sentAt: '2024-03-05T10:00:00.000Z',
      isDirect: true,
    });
    expect(mail.text).toBe('Du wirst es bereuen – ich weiß, wo du wohnst\n\nIch weiß genau, wann du morgens das Haus verlässt.\nGlaub nicht, dass du mich blockieren kannst.');
    expect(mail.attachments).toEqual([
      { name: 'haus.png', size: 8, contentType: 'image/png', sha256: '4c4b6a3be1314ab86138bef4314dde022e600960d8689a2c8f8631802d20dab6' },
    ]);
    expect(mail.audience!.userIds).toEqual(['alice@inbox-provider.example', 'bob@elsewhere.example']);
    expect(people).toContainEqual({ id: 'alice@inbox-provider.example', displayName: 'Alice Example' });

    const email = mail.extra!.email as Email;
    expect(email.senderDomain).toBe('sender-mail.example');
    expect(email.to).toEqual(['alice@inbox-provider.example']);
    expect(email.cc).toEqual(['bob@elsewhere.example']);
    expect(email.deliveredTo).toEqual(['alice@inbox-provider.example']);
    expect(email.returnPath).toBe('<mallory@sender-mail.example>');
    expect(email.date).toBe('Tue, 5 Mar 2024 11:00:00 +0100');
    const received = email.received as Array<Record<string, string>>;
    expect(received).toHaveLength(3);
    expect(received[1]).toMatchObject({ fromHost: 'smtp.sender-mail.example', fromIp: '198.51.100.23', byHost: 'mx1.inbox-provider.example', date: '2024-03-05T10:00:03.000Z' });
    expect(received[2]).toMatchObject({ fromHost: 'cpe-203-0-113-45.isp.example', fromIp: '203.0.113.45' });
    // The top hop is the provider's own (private address); the next one is the sender's server handing it over.
    expect(email.originatingIp).toEqual({ ip: '198.51.100.23', method: 'first-hop-outside-recipient-provider', hop: 1, host: 'smtp.sender-mail.example' });
    expect(email.authentication).toMatchObject({ spf: 'pass', dkim: 'pass', dmarc: 'pass' });
    expect((email.authentication as Email).header).toMatch(/^mx1\.inbox-provider\.example;/);
  });
});

describe('email: mbox', () => {
  it('splits on From lines, unquotes >From, orders by date, and counts an empty mail', async () => {
    const { messages, skips } = await drain(await openMbox(path.join(FIXTURES, 'email/inbox.mbox')));
    expect(messages.map((m) => m.messageId)).toEqual(['<sent-0001@inbox-provider.example>', '<20240305100001.9A1B2C3D@sender-mail.example>', '<alt-0001@freemail.example>']);
    expect(skips).toEqual([{ reason: 'message with no text', position: 'inbox.mbox mail #4 (line 46)' }]);
    const alt = messages[2]!;
    expect(alt.text).toBe('hello again\n\nNew address, same me. Grüße. Did you think a block would stop me?\nFrom now on I will write every day.');
    expect(alt.channelId).toBe('inbox');
    const email = alt.extra!.email as Email;
    expect(email.originatingIp).toEqual({ ip: '203.0.113.99', method: 'x-originating-ip' });
    expect(email.authentication).toMatchObject({ spf: 'softfail', dkim: 'none', dmarc: 'fail' });
    expect(email.envelope).toBe('From mallory.alt@freemail.example Sat Mar 09 22:15:10 2024');
    expect(messages[1]!.text).toBe('Antwort – nein\n\nYou will regret ignoring me.');
  });
});
