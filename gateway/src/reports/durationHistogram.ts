/**
 * Quantiles of durations in fixed memory: a log-scale histogram (each bucket 2% wider than the
 * one before, from one second to 90 days, ~770 counters), so a report over millions of replies
 * holds a few kilobytes per person and session, never the durations themselves. A quantile is
 * the geometric middle of its bucket: within 1% of the exact value, finer than the console shows.
 */

const MIN_MS = 1_000;
const MAX_MS = 90 * 24 * 3_600_000;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Bucket 0 holds everything under a second; the last, everything from 90 days up. */
const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_GROWTH) + 2;

/** The bucket of a duration. */
function bucketOf(ms: number): number {
  if (ms < MIN_MS) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH));
}

/** A representative duration of a bucket (its geometric middle; the bounds for the two open ones). */
function valueOf(bucket: number): number {
  if (bucket === 0) return MIN_MS / 2;
  if (bucket === BUCKETS - 1) return MAX_MS;
  return MIN_MS * GROWTH ** (bucket - 1 + 0.5);
}

/** Counts of durations, for their quantiles. */
export class DurationHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private n = 0;

  /** Adds one duration (negative ones, a clock skew, count as zero). */
  add(ms: number): void {
    this.counts[bucketOf(Math.max(0, ms))]! += 1;
    this.n += 1;
  }

  /** How many durations were added. */
  get count(): number {
    return this.n;
  }

  /**
   * The duration below which a share `q` (0–1) of them fall, in whole ms (the nearest-rank
   * rule: the ⌈q·n⌉-th smallest); null when empty.
   */
  quantile(q: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return Math.round(valueOf(b));
    }
    return Math.round(valueOf(BUCKETS - 1));
  }

  /** The median and the 90th percentile, or null when empty (the shape reports send). */
  summary(): { median: number; p90: number } | null {
    if (this.n === 0) return null;
    return { median: this.quantile(0.5)!, p90: this.quantile(0.9)! };
  }
}
