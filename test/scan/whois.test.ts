import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEml } from '../../src/scan/eml.js';
import { referral, WhoisClient, whoisEnricher } from '../../src/scan/whois.js';
import { drain, FIXTURES } from './helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A fake WHOIS server on 127.0.0.1: answers each query line with `answer(query)` and closes. */
async function fakeWhois(answer: (query: string) => string, queries: string[] = []): Promise<string> {
  const server = createServer((socket) => {
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString();
      const end = buffered.indexOf('\r\n');
      if (end < 0) return;
      const query = buffered.slice(0, end);
      queries.push(query);
      socket.end(answer(query));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `127.0.0.1:${address.port}`;
}

describe('WHOIS', () => {
  it('reads referrals in the forms registries write them', () => {
    expect(referral('% IANA WHOIS server\nrefer:        whois.ripe.net\n')).toBe('whois.ripe.net');
    expect(referral('ReferralServer:  whois://whois.apnic.net\n')).toBe('whois.apnic.net');
    expect(referral('ReferralServer: rwhois://rwhois.example.net:4321\n')).toBeUndefined();
    expect(referral('domain: EXAMPLE\n')).toBeUndefined();
  });

  it('follows a referral from the first server to the registry, keeping each answer with its time', async () => {
    const registryQueries: string[] = [];
    const registry = await fakeWhois((q) => `Domain Name: ${q.toUpperCase()}\nRegistrant Organization: Example Holdings\n`, registryQueries);
    const root = await fakeWhois(() => `% fake IANA\nrefer:        ${registry}\n`);
    const client = new WhoisClient({ server: root, timeoutMs: 2000 });
    const answers = await client.lookup('sender-mail.example');
    expect(answers.map((a) => a.server)).toEqual([root, registry]);
    expect(answers[1]!.answer).toContain('Registrant Organization: Example Holdings');
    expect(Date.parse(answers[1]!.at)).not.toBeNaN();
    // Asked once, answered from memory the second time.
    await client.lookup('SENDER-MAIL.example');
    expect(registryQueries).toEqual(['sender-mail.example']);
  });

  it('records a server that does not answer as an error instead of failing the scan', async () => {
    const client = new WhoisClient({ server: '127.0.0.1:1', timeoutMs: 500 });
    const [answer] = await client.lookup('198.51.100.23');
    expect(answer!.error).toBeTruthy();
    expect(answer!.answer).toBeUndefined();
  });

  it('adds the IP and domain answers to a mail', async () => {
    const queries: string[] = [];
    const server = await fakeWhois((q) => `result for ${q}\n`, queries);
    const { messages } = await drain(await openEml(path.join(FIXTURES, 'email/threat.eml')));
    const mail = messages[0]!;
    await whoisEnricher(new WhoisClient({ server, timeoutMs: 2000 }))(mail);
    expect(queries.sort()).toEqual(['198.51.100.23', 'sender-mail.example']);
    const whois = mail.extra!.whois as Record<string, Array<{ answer: string }>>;
    expect(whois.ip![0]!.answer).toBe('result for 198.51.100.23\n');
    expect(whois.domain![0]!.answer).toBe('result for sender-mail.example\n');
  });
});
