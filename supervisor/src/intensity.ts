/**
 * Restart intensity, as in OTP's supervisor: at most `maxRestarts` within `windowMs`.
 * Pure helpers over sorted lists of restart times (epoch ms, oldest first).
 */

/** A restart-intensity limit: a burst of `maxRestarts` within a sliding `windowMs`. */
export interface IntensityLimit {
  maxRestarts: number;
  windowMs: number;
}

/** Restart times still inside the window ending at `now`. */
export function withinWindow(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((t) => t > now - windowMs && t <= now);
}

/** True when one more restart at `now` would exceed the limit. */
export function exceeds(times: readonly number[], now: number, limit: IntensityLimit): boolean {
  return withinWindow(times, now, limit.windowMs).length >= limit.maxRestarts;
}

/**
 * Milliseconds to wait until one more restart fits under the limit (0 when it fits now):
 * the time until the oldest restart still counted leaves the window.
 */
export function waitUntilUnder(times: readonly number[], now: number, limit: IntensityLimit): number {
  const recent = withinWindow(times, now, limit.windowMs);
  if (recent.length < limit.maxRestarts) return 0;
  const mustExpire = recent[recent.length - limit.maxRestarts];
  return mustExpire === undefined ? 0 : Math.max(0, mustExpire + limit.windowMs - now + 1);
}
