/**
 * How often operators are emailed about sick sessions: at most one email per session per
 * cooldown (30 min), and at most `maxPerWindow` alert emails per window (6 an hour) in all;
 * past that cap, alerts wait and go out together as one digest when the window has room again.
 * Pure apart from the times it is given (tested with exact values, like restartPolicy).
 */

/** Limits of operator alerts. */
export interface AlertPolicy {
  /** Least time between two alerts about one session. */
  perSessionCooldownMs: number;
  /** Most alert emails (a digest counts as one) per window. */
  maxPerWindow: number;
  windowMs: number;
}

/** Defaults: one email per session per 30 minutes, six emails an hour. */
export const DEFAULT_ALERT_POLICY: AlertPolicy = { perSessionCooldownMs: 30 * 60_000, maxPerWindow: 6, windowMs: 60 * 60_000 };

/** What to do with one alert: email it now, drop it (the session was alerted recently) or keep it for the digest. */
export type AlertDecision = 'send' | 'suppress' | 'hold';

/** The throttle of one gateway; `T` is the alert a digest carries. */
export class AlertThrottle<T> {
  private readonly lastBySession = new Map<string, number>();
  private sentAt: number[] = [];
  private held: T[] = [];

  constructor(private readonly policy: AlertPolicy = DEFAULT_ALERT_POLICY) {}

  /** Decides about an alert of `sessionId` at `now`; a held alert waits in the digest. */
  offer(sessionId: string, alert: T, now: number): AlertDecision {
    const last = this.lastBySession.get(sessionId);
    if (last !== undefined && now - last < this.policy.perSessionCooldownMs) return 'suppress';
    this.lastBySession.set(sessionId, now);
    if (this.room(now)) {
      this.sentAt.push(now);
      return 'send';
    }
    this.held.push(alert);
    return 'hold';
  }

  /** When the held alerts may go out as a digest (null when none wait). */
  digestDueAt(): number | null {
    if (this.held.length === 0) return null;
    return this.sentAt.length < this.policy.maxPerWindow ? 0 : this.sentAt[0]! + this.policy.windowMs;
  }

  /** The held alerts when the window has room at `now` (counted as one email), else null. */
  takeDigest(now: number): T[] | null {
    if (this.held.length === 0 || !this.room(now)) return null;
    this.sentAt.push(now);
    const out = this.held;
    this.held = [];
    return out;
  }

  /** Drops sends older than the window; true when another email fits. */
  private room(now: number): boolean {
    this.sentAt = this.sentAt.filter((t) => now - t < this.policy.windowMs);
    return this.sentAt.length < this.policy.maxPerWindow;
  }
}
