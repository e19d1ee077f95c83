// What an email's headers say about where it came from, for the evidence record: every Received hop,
// the originating IP, the sender's domain and the SPF / DKIM / DMARC results.
//
// Originating IP heuristic, in order:
//  1. `X-Originating-IP` (or `X-Sender-IP`), which webmail services add with the client's address;
//  2. otherwise the first Received hop, reading from the top (the recipient's side), whose sending host is
//     outside the recipient's provider — the machine that handed the mail to the recipient's provider.
//     The provider is the base domain (last two labels, three under co.uk-style suffixes) of the top hop's
//     `by` host; hops from private addresses or from hosts in that domain are the provider's own.
//     Hops below that one were written by machines the recipient's provider does not control and can be
//     forged, so they are kept but not trusted;
//  3. otherwise (sender and recipient at one provider) the lowest hop with a public address.
import { isIP } from 'node:net';

export interface ReceivedHop {
  raw: string;
  fromHost?: string;
  fromIp?: string;
  byHost?: string;
  date?: string;
}

export interface OriginatingIp {
  ip: string;
  method: 'x-originating-ip' | 'first-hop-outside-recipient-provider' | 'lowest-public-hop';
  /** Index of the Received header it came from (0 = top), for methods 2 and 3. */
  hop?: number;
  host?: string;
}

export interface AuthResults {
  spf?: string;
  dkim?: string;
  dmarc?: string;
  /** The Authentication-Results header the results were read from (the top one: the recipient's provider's). */
  header: string;
}

const SHORT_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go']);

export function baseDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const [second, tld] = labels.slice(-2);
  const keep = tld!.length === 2 && SHORT_SECOND_LEVEL.has(second!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

export function isPrivateIp(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const low = ip.toLowerCase();
  return low === '::1' || low === '::' || low.startsWith('fc') || low.startsWith('fd') || low.startsWith('fe80');
}

export function parseReceived(raw: string): ReceivedHop {
  const value = raw.replace(/\s+/g, ' ').trim();
  const hop: ReceivedHop = { raw: value };
  const semicolon = value.lastIndexOf(';');
  const body = semicolon >= 0 ? value.slice(0, semicolon) : value;
  if (semicolon >= 0) {
    const ms = Date.parse(value.slice(semicolon + 1).trim());
    if (!Number.isNaN(ms)) hop.date = new Date(ms).toISOString();
  }
  const byAt = body.search(/(^|\s)by\s/i);
  const fromPart = /^\s*from\s/i.test(body) ? body.slice(0, byAt >= 0 ? byAt : undefined) : '';
  const byPart = byAt >= 0 ? body.slice(byAt) : '';
  // `from HELO (REVERSE-DNS [IP])`: the name in parentheses is the one the receiving server looked up;
  // the HELO name is whatever the sender chose to say.
  const reverse = /\(\s*([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\.?\s*\[/.exec(fromPart)?.[1];
  const fromHost = reverse ?? /^\s*from\s+([^\s()[\]]+)/i.exec(fromPart)?.[1];
  if (fromHost && !isIP(fromHost.replace(/^\[|\]$/g, ''))) hop.fromHost = fromHost.toLowerCase().replace(/\.$/, '');
  // The address the receiving server saw is in the parentheses; a bracketed address before them is the
  // sender's own claim (its HELO).
  const parenthesised = /\(([^()]*\[[^\]]+\][^()]*)\)/.exec(fromPart)?.[1];
  for (const part of [parenthesised, fromPart]) {
    if (!part || hop.fromIp) continue;
    for (const m of part.matchAll(/\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]|\(([0-9]{1,3}(?:\.[0-9]{1,3}){3})\)|\s([0-9]{1,3}(?:\.[0-9]{1,3}){3})(?=[\s)\]]|$)/g)) {
      const ip = m[1] ?? m[2] ?? m[3];
      if (ip && isIP(ip)) {
        hop.fromIp = ip;
        break;
      }
    }
  }
  const byHost = /by\s+([^\s;()]+)/i.exec(byPart)?.[1];
  if (byHost) hop.byHost = byHost.toLowerCase().replace(/\.$/, '');
  return hop;
}

export function originatingIp(hops: readonly ReceivedHop[], xOriginatingIp: string | undefined): OriginatingIp | undefined {
  const declared = xOriginatingIp?.replace(/[[\]\s]/g, '');
  if (declared && isIP(declared)) return { ip: declared, method: 'x-originating-ip' };
  const providerHost = hops.find((h) => h.byHost && !isIP(h.byHost))?.byHost;
  const provider = providerHost ? baseDomain(providerHost) : undefined;
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    if (!hop.fromIp || isPrivateIp(hop.fromIp)) continue;
    if (provider && hop.fromHost && baseDomain(hop.fromHost) === provider) continue;
    return { ip: hop.fromIp, method: 'first-hop-outside-recipient-provider', hop: i, ...(hop.fromHost ? { host: hop.fromHost } : {}) };
  }
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (hop.fromIp && !isPrivateIp(hop.fromIp)) return { ip: hop.fromIp, method: 'lowest-public-hop', hop: i, ...(hop.fromHost ? { host: hop.fromHost } : {}) };
  }
  return undefined;
}

export function authResults(headers: readonly string[]): AuthResults | undefined {
  const top = headers[0];
  if (!top) return undefined;
  const value = top.replace(/\s+/g, ' ').trim();
  const result: AuthResults = { header: value };
  for (const method of ['spf', 'dkim', 'dmarc'] as const) {
    const m = new RegExp(`(?:^|[;\\s])${method}\\s*=\\s*([A-Za-z]+)`, 'i').exec(value);
    if (m) result[method] = m[1]!.toLowerCase();
  }
  return result;
}
