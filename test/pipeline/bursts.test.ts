import { describe, expect, it } from 'vitest';
import { prng } from '../../src/core/prng.js';
import { BurstTracker, type BurstOptions } from '../../src/pipeline/bursts.js';
import type { Writeprint } from '../../src/pipeline/contracts.js';

/** The tracker as first written (a new filtered array per message): the reference the in-place one must equal. */
function referenceTracker(options: BurstOptions): (sender: string, w: Writeprint, at: number) => Writeprint[] {
  const bySender = new Map<string, Array<{ writeprint: Writeprint; at: number }>>();
  return (sender, writeprint, at) => {
    let entries = bySender.get(sender);
    if (entries) bySender.delete(sender);
    else entries = [];
    entries.push({ writeprint, at });
    const kept = entries.filter((e) => at - e.at <= options.windowMs && e.at <= at).slice(-options.size);
    bySender.set(sender, kept);
    if (bySender.size > options.maxSenders) bySender.delete(bySender.keys().next().value!);
    return kept.map((e) => e.writeprint);
  };
}

describe('BurstTracker', () => {
  it.each([
    { size: 5, windowMs: 1000, maxSenders: 3 },
    { size: 1, windowMs: 50, maxSenders: 10 },
    { size: 0, windowMs: 1000, maxSenders: 2 },
  ])('gives the bursts of the reference tracker, times out of order included (%j)', (options) => {
    const rand = prng(3);
    const tracker = new BurstTracker(options);
    const reference = referenceTracker(options);
    let now = 0;
    for (let i = 0; i < 3000; i++) {
      now += Math.floor(rand() * 200);
      const at = rand() < 0.1 ? now - Math.floor(rand() * 2000) : now; // some messages arrive late
      const sender = `s${Math.floor(rand() * 5)}`;
      const w: Writeprint = { length: i };
      expect(tracker.add(sender, w, at)).toEqual(reference(sender, w, at));
    }
  });
});
