/**
 * The dashboard's messages-per-minute series: the server's last hour (read again as messages
 * flow), shifted along as the minutes pass. Pure functions.
 */
import type { RatePoint } from '@switchboard/shared';

const MINUTE = 60_000;

/** The start of the minute containing `ms`. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/** A 60-point series ending at `now`'s minute, filled from `points` (missing minutes are zero). */
export function window60(points: readonly RatePoint[], now: number): RatePoint[] {
  const end = minuteOf(now);
  const byMinute = new Map(points.map((p) => [p.minute, p]));
  const out: RatePoint[] = [];
  for (let m = end - 59 * MINUTE; m <= end; m += MINUTE) {
    const p = byMinute.get(m);
    out.push({ minute: m, received: p?.received ?? 0, sent: p?.sent ?? 0 });
  }
  return out;
}

/** Totals and the busiest minute of a series. */
export function summarize(points: readonly RatePoint[]): { received: number; sent: number; peak: number } {
  let received = 0;
  let sent = 0;
  let peak = 0;
  for (const p of points) {
    received += p.received;
    sent += p.sent;
    peak = Math.max(peak, p.received + p.sent);
  }
  return { received, sent, peak };
}
