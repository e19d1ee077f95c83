// One person's digest while it waits to be sent: what the message needs (how many lines, whether any came
// from a flood, the earliest due time, the newest lines and the contact of the newest) and which stored rows
// it stands for. Bounded whatever the size of the flood: a line past the newest `keep` is only counted, its
// row stays in the store (which de-duplicates it and lets a restart count it again).
import type { Contact } from './registry.js';

/** One line of a digest: no message text, only what points to the evidence. */
export interface DigestEntry {
  verdict: string;
  from: string;
  where: string;
  when: string;
  evidenceId: string;
  handle: string;
}

export interface DigestLine {
  createdAt: number;
  contact: Contact;
  entry: DigestEntry;
}

/** A row written before digests had batches: it is marked sent by its own id. */
export interface LegacyLine {
  id: string;
  createdAt: number;
}

export class WaitingDigest {
  count = 0;
  dueAt = Infinity;
  flood = false;
  /** Newest lines, oldest first; equal times in the order they arrived. */
  readonly newest: DigestLine[] = [];
  /** Earlier batches counted here (left by a restart or a failed flush): marked sent with this one. */
  readonly covers: string[] = [];
  readonly legacy: LegacyLine[] = [];
  /** Rows of this batch still being written: a flush waits for them, so their lines are in it. */
  readonly writing = new Set<Promise<unknown>>();

  constructor(
    /** Stamped on every row written while this digest is open; the digest sent for it is named after it. */
    readonly batch: string,
    private readonly keep: number,
  ) {}

  add(line: DigestLine, dueAt: number, flood: boolean): void {
    this.count += 1;
    this.dueAt = Math.min(this.dueAt, dueAt);
    this.flood ||= flood;
    let at = this.newest.length;
    while (at > 0 && this.newest[at - 1]!.createdAt > line.createdAt) at -= 1;
    if (at === 0 && this.newest.length >= this.keep) return;
    this.newest.splice(at, 0, line);
    if (this.newest.length > this.keep) this.newest.shift();
  }

  /** Counts `earlier` (lines that arrived before this digest's own) here too. */
  absorb(earlier: WaitingDigest): void {
    this.count += earlier.count;
    this.dueAt = Math.min(this.dueAt, earlier.dueAt);
    this.flood ||= earlier.flood;
    const lines = [...earlier.newest, ...this.newest].sort((a, b) => a.createdAt - b.createdAt);
    this.newest.splice(0, this.newest.length, ...lines.slice(-this.keep));
    this.covers.push(earlier.batch, ...earlier.covers);
    this.legacy.push(...earlier.legacy);
  }

  /** Nothing counted, nothing in flight: the digest can be forgotten. */
  get idle(): boolean {
    return this.count === 0 && this.writing.size === 0;
  }

  get latest(): DigestLine | undefined {
    return this.newest.at(-1);
  }
}
