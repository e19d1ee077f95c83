// A sender's recent messages, judged together by α: one short chat line carries little style, five carry
// more. Bounded in senders and messages so a flood cannot grow memory without limit.
import type { Writeprint } from './contracts.js';

export interface BurstOptions {
  /** Messages per burst, newest last. */
  size: number;
  /** Older messages than this (ms before the newest) are not part of the burst. */
  windowMs: number;
  /** Senders remembered at once; the least recently heard is forgotten first. */
  maxSenders: number;
}

export const DEFAULT_BURST: BurstOptions = { size: 5, windowMs: 30 * 60_000, maxSenders: 50_000 };

interface Entry {
  writeprint: Writeprint;
  at: number;
}

export class BurstTracker {
  private readonly bySender = new Map<string, Entry[]>();

  constructor(private readonly options: BurstOptions = DEFAULT_BURST) {}

  /** Adds the message and returns the sender's burst ending with it. */
  add(senderKey: string, writeprint: Writeprint, at: number): Writeprint[] {
    let entries = this.bySender.get(senderKey);
    if (entries) this.bySender.delete(senderKey); // re-insert: Map order is our recency order
    else entries = [];
    entries.push({ writeprint, at });
    // Filtered in place, oldest dropped first: the sender's array lives on, a new one per message would
    // only be garbage that outlives the young generation.
    const newest = at;
    const windowMs = this.options.windowMs;
    let kept = 0;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (newest - e.at <= windowMs && e.at <= newest) entries[kept++] = e;
    }
    entries.length = kept;
    const size = this.options.size;
    const drop = size > 0 ? Math.max(kept - size, 0) : Math.min(-size, kept); // as slice(-size) would keep
    if (drop > 0) entries.splice(0, drop);
    this.bySender.set(senderKey, entries);
    if (this.bySender.size > this.options.maxSenders) {
      const oldest = this.bySender.keys().next().value;
      if (oldest !== undefined) this.bySender.delete(oldest);
    }
    const burst: Writeprint[] = new Array<Writeprint>(entries.length);
    for (let i = 0; i < entries.length; i++) burst[i] = entries[i]!.writeprint;
    return burst;
  }
}
