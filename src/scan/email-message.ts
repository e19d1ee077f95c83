// One parsed email (mailparser) to a Message. The recipient of an email is `email:ADDRESS`; a mailbox is
// its owner's, so the importer treats every mail as a direct message and lets the scan decide whose it is.
// Everything the paper's evidence module asks of a mail is kept in `extra.email`.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Attachment, Message } from '../core/types.js';
import { authResults, originatingIp, parseReceived } from './email-facts.js';
import type { ScanItem } from './types.js';

export interface MailContext {
  /** The mailbox's name (mbox file name), used as the channel. */
  mailbox: string;
  position: string;
  /** The mbox `From ` separator line, which carries the envelope sender and delivery time. */
  envelope?: string;
  truncatedAt?: number;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Array<{ address: string; name: string }> {
  const out: Array<{ address: string; name: string }> = [];
  const walk = (list: AddressObject['value']): void => {
    for (const a of list) {
      if (a.group) walk(a.group);
      else if (a.address) out.push({ address: a.address.toLowerCase(), name: a.name });
    }
  };
  for (const object of Array.isArray(value) ? value : value ? [value] : []) walk(object.value);
  return out;
}

function rawHeaders(mail: ParsedMail, key: string): string[] {
  return mail.headerLines.filter((h) => h.key === key).map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

function envelopeDate(envelope: string | undefined): string | undefined {
  const rest = envelope?.replace(/^From\s+\S+\s+/, '');
  const ms = rest ? Date.parse(rest) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The archive tells messages apart by (platform, id, channel, recipient). A mail's identity is its Message-ID
 * wherever it was saved, so once the scan knows whose mailbox it is, the channel becomes that address: the
 * same mail read from an mbox and from an .eml is one record. The folder's name stays as `channelName`.
 */
export function adoptMail(message: Message, recipientId: string): void {
  message.channelId = recipientId;
}

export async function parseMail(raw: Buffer, context: MailContext): Promise<ScanItem[]> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { checksumAlgo: 'sha256', skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    return [{ skip: { reason: `unreadable mail: ${(error as Error).message}`, position: context.position } }];
  }
  const position = context.position;
  const from = addresses(mail.from)[0];
  if (!from) return [{ skip: { reason: 'mail without a sender address', position } }];
  const hops = rawHeaders(mail, 'received').map(parseReceived);
  // mailparser replaces an unreadable Date header with the current time; evidence needs the header's own
  // time, else the recipient's server's (top Received), else the mbox separator's.
  const dateHeader = rawHeaders(mail, 'date')[0];
  const headerMs = dateHeader ? Date.parse(dateHeader) : NaN;
  const sentAt = !Number.isNaN(headerMs) ? new Date(headerMs).toISOString() : (hops[0]?.date ?? envelopeDate(context.envelope));
  if (!sentAt) return [{ skip: { reason: 'mail without a date', position } }];
  const to = addresses(mail.to);
  const cc = addresses(mail.cc);
  const bcc = addresses(mail.bcc);
  const deliveredTo = [...rawHeaders(mail, 'delivered-to'), ...rawHeaders(mail, 'x-original-to'), ...rawHeaders(mail, 'envelope-to')].map((a) => a.replace(/[<>]/g, '').toLowerCase());
  const subject = mail.subject ?? '';
  const body = (mail.text ?? '').trim();
  const files: Attachment[] = mail.attachments.map((a) => ({
    name: a.filename ?? 'attachment',
    size: a.size,
    contentType: a.contentType,
    ...(a.checksum ? { sha256: a.checksum } : {}),
  }));
  if (subject.trim() === '' && body === '' && files.length === 0) return [{ skip: { reason: 'message with no text', position } }];
  const messageId = mail.messageId ?? `sha256:${createHash('sha256').update(mail.headerLines.map((h) => h.line).join('\n')).digest('hex')}`;
  const senderDomain = from.address.split('@')[1] ?? '';
  const origin = originatingIp(hops, rawHeaders(mail, 'x-originating-ip')[0] ?? rawHeaders(mail, 'x-sender-ip')[0]);
  const auth = authResults(rawHeaders(mail, 'authentication-results'));
  const email: Record<string, unknown> = {
    position,
    from: from.address,
    to: to.map((a) => a.address),
    cc: cc.map((a) => a.address),
    subject,
    messageId: mail.messageId ?? null,
    date: dateHeader ?? null,
    received: hops,
    senderDomain,
    originatingIp: origin ?? null,
    authentication: auth ?? null,
  };
  if (bcc.length > 0) email.bcc = bcc.map((a) => a.address);
  if (deliveredTo.length > 0) email.deliveredTo = deliveredTo;
  const returnPath = rawHeaders(mail, 'return-path')[0];
  if (returnPath) email.returnPath = returnPath;
  const replyTo = addresses(mail.replyTo);
  if (replyTo.length > 0) email.replyTo = replyTo.map((a) => a.address);
  if (context.envelope) email.envelope = context.envelope;
  if (context.truncatedAt) email.truncatedAt = context.truncatedAt;
  if (Number.isNaN(headerMs)) email.dateSource = hops[0]?.date ? 'top Received header' : 'mbox From line';

  const audience = [...new Set([...to, ...cc, ...bcc].map((a) => a.address).concat(deliveredTo))];
  const message: Message = {
    platform: 'email',
    channelId: context.mailbox,
    channelName: context.mailbox,
    messageId,
    author: { id: from.address, displayName: from.name || from.address },
    // The subject is part of what the sender wrote, and often the worst of it.
    text: subject ? `${subject}\n\n${body}`.trim() : body,
    sentAt,
    mentions: [],
    attachments: files,
    isDirect: true,
    audience: { userIds: audience, count: audience.length },
    extra: { email },
  };
  if (mail.inReplyTo) message.replyTo = { messageId: mail.inReplyTo };
  const people: ScanItem[] = [...to, ...cc, ...bcc].map((a) => ({ person: { id: a.address, displayName: a.name || a.address } }));
  return [...people, { message }];
}
