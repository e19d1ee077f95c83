import { describe, expect, it } from 'vitest';
import { authResults, baseDomain, isPrivateIp, originatingIp, parseReceived } from '../../src/scan/email-facts.js';

describe('email header facts', () => {
  it('reads Received headers as Postfix, Exim and Gmail write them', () => {
    expect(parseReceived('from mail.example.net (mail.example.net [198.51.100.7]) by mx.example.org (Postfix) with ESMTPS id 1; Tue, 05 Mar 2024 10:00:03 +0000')).toMatchObject({
      fromHost: 'mail.example.net',
      fromIp: '198.51.100.7',
      byHost: 'mx.example.org',
      date: '2024-03-05T10:00:03.000Z',
    });
    expect(parseReceived('from [203.0.113.9] (helo=laptop) by smtp.example.net with esmtpsa (Exim 4.96) id 1rA; Tue, 05 Mar 2024 10:00:00 +0000')).toMatchObject({ fromIp: '203.0.113.9', byHost: 'smtp.example.net' });
    expect(parseReceived('from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id x; Tue, 5 Mar 2024 02:00:00 -0800 (PST)')).toMatchObject({
      fromHost: 'mail-sor-f41.google.com',
      fromIp: '209.85.220.41',
      date: '2024-03-05T10:00:00.000Z',
    });
    expect(parseReceived('from host6.example.net (host6.example.net [IPv6:2001:db8::25]) by mx.example.org')).toMatchObject({ fromIp: '2001:db8::25' });
    expect(parseReceived('by 2002:a05:6a10:1::1 with SMTP id y; Tue, 5 Mar 2024 02:00:00 -0800')).not.toHaveProperty('fromIp');
  });

  it('picks the first hop from outside the recipient\'s provider, falling back to the lowest public address', () => {
    const hops = [
      parseReceived('from mx1.inbox.example (mx1.inbox.example [10.0.0.2]) by store.inbox.example'),
      parseReceived('from relay.inbox.example (relay.inbox.example [192.0.2.10]) by mx1.inbox.example'),
      parseReceived('from out.sender.example (out.sender.example [198.51.100.5]) by relay.inbox.example'),
      parseReceived('from [192.168.1.4] (client.isp.example [203.0.113.50]) by out.sender.example'),
    ];
    expect(originatingIp(hops, undefined)).toEqual({ ip: '198.51.100.5', method: 'first-hop-outside-recipient-provider', hop: 2, host: 'out.sender.example' });
    expect(originatingIp(hops, '[203.0.113.77]')).toEqual({ ip: '203.0.113.77', method: 'x-originating-ip' });
    const sameProvider = [
      parseReceived('from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com'),
      parseReceived('from laptop (cpe.isp.example [203.0.113.8]) by smtp.google.com'),
    ];
    expect(originatingIp(sameProvider, undefined)).toMatchObject({ ip: '203.0.113.8', method: 'first-hop-outside-recipient-provider' });
    const internalOnly = [parseReceived('from a.google.com (a.google.com [209.85.220.41]) by mx.google.com')];
    expect(originatingIp(internalOnly, undefined)).toMatchObject({ ip: '209.85.220.41', method: 'lowest-public-hop' });
    expect(originatingIp([], 'not an ip')).toBeUndefined();
  });

  it('knows base domains and private ranges', () => {
    expect(baseDomain('mx1.mail.example.co.uk')).toBe('example.co.uk');
    expect(baseDomain('MX.Google.com.')).toBe('google.com');
    expect(['10.1.1.1', '172.20.0.1', '192.168.0.1', '127.0.0.1', '100.64.0.1', 'fd00::1', 'fe80::1'].every(isPrivateIp)).toBe(true);
    expect(['8.8.8.8', '172.32.0.1', '2001:db8::1'].some(isPrivateIp)).toBe(false);
  });

  it('reads SPF, DKIM and DMARC from the topmost Authentication-Results', () => {
    expect(authResults(['mx.example.org; dkim=fail reason="bad sig" header.d=x.example; spf=SoftFail smtp.mailfrom=x.example; dmarc=none', 'forged.example; spf=pass'])).toEqual({
      header: 'mx.example.org; dkim=fail reason="bad sig" header.d=x.example; spf=SoftFail smtp.mailfrom=x.example; dmarc=none',
      spf: 'softfail',
      dkim: 'fail',
      dmarc: 'none',
    });
    expect(authResults([])).toBeUndefined();
  });
});
