// The numbers at the top of a report: how many messages, from which accounts, over what period, how many the
// sender edited or deleted afterwards.
import type { EvidenceRecord } from '../../core/types.js';
import { authorKey } from '../../core/keys.js';

export interface AccountSummary {
  key: string;
  platform: string;
  id: string;
  /** Every display name the account used, in order of first appearance. */
  names: string[];
  createdAt?: string;
  messages: number;
}

export interface ReportSummary {
  messages: number;
  byVerdict: Record<string, number>;
  accounts: AccountSummary[];
  platforms: string[];
  firstSent?: string;
  lastSent?: string;
  deletedBySender: number;
  editedBySender: number;
}

export class SummaryBuilder {
  private readonly summary: ReportSummary = { messages: 0, byVerdict: {}, accounts: [], platforms: [], deletedBySender: 0, editedBySender: 0 };
  private readonly accounts = new Map<string, AccountSummary>();
  private readonly deleted = new Set<string>();
  private readonly edited = new Set<string>();

  add(record: EvidenceRecord): void {
    if (record.kind === 'deletion' && record.refersTo) this.deleted.add(record.refersTo);
    if (record.kind === 'edit' && record.refersTo) this.edited.add(record.refersTo);
    if (record.kind !== 'message' || !record.message) return;
    const m = record.message;
    const s = this.summary;
    s.messages++;
    const label = record.verdict?.label ?? 'unknown';
    s.byVerdict[label] = (s.byVerdict[label] ?? 0) + 1;
    if (!s.platforms.includes(m.platform)) s.platforms.push(m.platform);
    const sent = Date.parse(m.sentAt);
    if (s.firstSent === undefined || sent < Date.parse(s.firstSent)) s.firstSent = m.sentAt;
    if (s.lastSent === undefined || sent > Date.parse(s.lastSent)) s.lastSent = m.sentAt;
    let key: string;
    try {
      key = authorKey(m);
    } catch {
      key = `${m.platform}:${m.author.id}`;
    }
    let account = this.accounts.get(key);
    if (!account) {
      account = { key, platform: m.platform, id: m.author.id, names: [], createdAt: m.author.createdAt, messages: 0 };
      this.accounts.set(key, account);
    }
    account.messages++;
    const name = m.author.displayName;
    if (name && !account.names.includes(name)) account.names.push(name);
  }

  build(): ReportSummary {
    return {
      ...this.summary,
      accounts: [...this.accounts.values()].sort((a, b) => b.messages - a.messages),
      deletedBySender: this.deleted.size,
      editedBySender: this.edited.size,
    };
  }
}
