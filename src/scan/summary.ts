// What a scan found, gathered while it runs: counts, verdicts per sender, dates, skips by reason, and the
// senders whose writing matches someone already confirmed as abusing the recipient (α).
import { authorKey } from '../core/keys.js';
import type { Message, Verdict } from '../core/types.js';
import type { ScanFormat, Skip } from './types.js';

export interface SenderSummary {
  key: string;
  name: string;
  /** Messages from this sender aimed at the recipient. */
  messages: number;
  flagged: number;
  grey: number;
  /** On the recipient's known-offender list (given with --offender, or confirmed earlier). */
  listed: boolean;
  /** Messages whose writing α judged grey or cyberstalking against the recipient's confirmed offenders. */
  writingMatches: number;
  bestIdentificationScore: number;
}

export interface ScanSummary {
  file: string;
  format: ScanFormat;
  recipient: { key: string; name?: string };
  /** Every message read from the export, whoever it was for. */
  read: number;
  /** Messages aimed at the recipient (DM, mention, reply), each run through the pipeline. */
  analysed: number;
  byReason: { dm: number; mention: number; reply: number };
  fromRecipient: number;
  flagged: number;
  grey: number;
  clean: number;
  archived: number;
  /** Already in the archive from an earlier run (or the live bot): not archived again. */
  alreadyArchived: number;
  attachmentOnly: number;
  skipped: Record<string, number>;
  /** A few skip positions per reason, so a person can look them up. */
  skipExamples: Record<string, string[]>;
  firstAt?: string;
  lastAt?: string;
  /** Messages whose time was earlier than the one before (the export was not in order). */
  outOfOrder: number;
  senders: SenderSummary[];
  /** Senders not on the list whose writing matched a confirmed offender's. */
  writingMatchesOffender: SenderSummary[];
  notes: string[];
  /** Set when the export could not be read to its end: where, and why. Everything before was scanned. */
  stoppedAt?: { position: string; problem: string };
  whoisLookups?: number;
  /** SHA-256 of the export (see source-hash.ts), as recorded in every imported evidence record. */
  sourceSha256?: string;
}

export class SummaryBuilder {
  private readonly summary: ScanSummary;
  private readonly senders = new Map<string, SenderSummary>();
  private lastTime = -Infinity;

  constructor(file: string, format: ScanFormat, recipient: { key: string; name?: string }, notes: string[]) {
    this.summary = {
      file,
      format,
      recipient,
      read: 0,
      analysed: 0,
      byReason: { dm: 0, mention: 0, reply: 0 },
      fromRecipient: 0,
      flagged: 0,
      grey: 0,
      clean: 0,
      archived: 0,
      alreadyArchived: 0,
      attachmentOnly: 0,
      skipped: {},
      skipExamples: {},
      outOfOrder: 0,
      senders: [],
      writingMatchesOffender: [],
      notes: [...notes],
    };
  }

  get read(): number {
    return this.summary.read;
  }

  skip(skip: Skip): void {
    const s = this.summary;
    s.skipped[skip.reason] = (s.skipped[skip.reason] ?? 0) + 1;
    const examples = (s.skipExamples[skip.reason] ??= []);
    if (examples.length < 3) examples.push(skip.position);
  }

  sawMessage(message: Message, fromRecipient: boolean): void {
    const s = this.summary;
    s.read++;
    if (fromRecipient) s.fromRecipient++;
    const time = Date.parse(message.sentAt);
    if (time < this.lastTime) s.outOfOrder++;
    else this.lastTime = time;
    if (!s.firstAt || message.sentAt < s.firstAt) s.firstAt = message.sentAt;
    if (!s.lastAt || message.sentAt > s.lastAt) s.lastAt = message.sentAt;
  }

  analysed(message: Message, reason: 'dm' | 'mention' | 'reply', verdict: Verdict, archive: { archived: boolean; duplicate: boolean }): void {
    const s = this.summary;
    s.analysed++;
    s.byReason[reason]++;
    if (message.text.trim() === '' && message.attachments.length > 0) s.attachmentOnly++;
    const key = authorKey(message);
    const sender = this.senders.get(key) ?? { key, name: message.author.displayName, messages: 0, flagged: 0, grey: 0, listed: false, writingMatches: 0, bestIdentificationScore: 0 };
    this.senders.set(key, sender);
    sender.messages++;
    if (verdict.label === 'cyberstalking') {
      s.flagged++;
      sender.flagged++;
    } else if (verdict.label === 'grey') {
      s.grey++;
      sender.grey++;
    } else s.clean++;
    if (verdict.modules.offender.listed) sender.listed = true;
    const alpha = verdict.modules.identification;
    if (alpha.label !== 'not') sender.writingMatches++;
    sender.bestIdentificationScore = Math.max(sender.bestIdentificationScore, alpha.score);
    if (archive.duplicate) s.alreadyArchived++;
    else if (archive.archived) s.archived++;
  }

  stopped(position: string, problem: string): void {
    this.summary.stoppedAt = { position, problem };
  }

  note(text: string): void {
    this.summary.notes.push(text);
  }

  finish(extra: Partial<ScanSummary> = {}): ScanSummary {
    const senders = [...this.senders.values()].sort((a, b) => b.flagged + b.grey - (a.flagged + a.grey) || b.messages - a.messages);
    return { ...this.summary, ...extra, senders, writingMatchesOffender: senders.filter((x) => !x.listed && x.writingMatches > 0) };
  }
}
