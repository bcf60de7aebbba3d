// A token bucket per key (the client's address) for the public endpoints: `capacity` requests at once,
// refilled at `perSecond`. In memory, per process; the map is pruned of full buckets as it grows.
export interface RateLimitResult {
  ok: boolean;
  /** Whole seconds until one request is allowed again (0 when ok). */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 10_000,
  ) {
    if (!(capacity >= 1) || !(perSecond > 0))
      throw new Error(`rate limit: capacity ≥ 1 and a positive rate needed, got ${capacity} and ${perSecond}/s`);
  }

  take(key: string): RateLimitResult {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    b.tokens = Math.min(this.capacity, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > this.maxKeys) this.prune(t);
      return { ok: true, retryAfterSeconds: 0 };
    }
    this.buckets.set(key, b);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond)) };
  }

  /** Drops buckets that have refilled (they hold no information). */
  private prune(t: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.capacity) this.buckets.delete(k);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * A rate limit written as `capacity,perSecond` (an environment variable such as HQS_EVALUATE_LIMIT=1000,500):
 * a burst of `capacity` requests, then `perSecond` a second. Throws naming the variable and the value.
 */
export function parseRateLimit(text: string, name: string): { capacity: number; perSecond: number } {
  const m = /^\s*(\d{1,9})\s*,\s*(\d{1,9}(?:\.\d+)?)\s*$/.exec(text);
  const capacity = m ? Number(m[1]) : NaN;
  const perSecond = m ? Number(m[2]) : NaN;
  if (!m || capacity < 1 || !(perSecond > 0)) {
    throw new Error(
      `${name}: expected "capacity,perSecond" (a whole number ≥ 1 and a positive rate, e.g. "30,1"), got ${JSON.stringify(text)}`,
    );
  }
  return { capacity, perSecond };
}
