// Per-caller token buckets: every command, button and document request costs a token, so nobody can use
// the bot to hammer the archive or the platform on someone's behalf.
import type { Clock } from './clock.js';

export interface BucketSpec {
  /** Requests allowed in a burst. */
  capacity: number;
  /** One token comes back every this many milliseconds. */
  refillMs: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly spec: BucketSpec, private readonly clock: Clock, private readonly maxTracked = 100_000) {}

  /** Takes a token for `key`; returns 0 when allowed, else how many milliseconds until the next token. */
  take(key: string): number {
    const now = this.clock.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) * this.spec.refillMs));
  }

  private refilled(key: string, now: number): Bucket {
    const previous = this.buckets.get(key);
    if (!previous) {
      if (this.buckets.size >= this.maxTracked) this.evictFull(now);
      return { tokens: this.spec.capacity, updatedAt: now };
    }
    const gained = Math.max(0, now - previous.updatedAt) / this.spec.refillMs;
    return { tokens: Math.min(this.spec.capacity, previous.tokens + gained), updatedAt: now };
  }

  /** Buckets that have refilled completely carry no information; dropping them bounds memory. */
  private evictFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) / this.spec.refillMs >= this.spec.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxTracked) this.buckets.clear();
  }
}
