/**
 * Periodic check of every running actor (interval = heartbeat interval): kills hung actors,
 * recycles actors over their RSS budget, probes connected sessions that went quiet, recycling
 * the ones whose probe fails (zombies), and stops sessions nobody linked within the link timeout.
 *
 * A sweep that runs late means the supervisor's own event loop stalled: the heartbeats that
 * arrived meanwhile are still queued behind the timer, so every actor would look hung at once
 * and be killed for the supervisor's fault. Such a sweep judges nothing; the next one, after
 * the queued heartbeats are read, does.
 */
import { NOT_LINKED_REASON } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { SessionSlot } from '../sessionSlot.ts';
import type { SupervisionLimits } from '../supervisorOptions.ts';
import { assess, isDeaf } from './assess.ts';

/** What the watchdog needs from the Supervisor. */
export interface WatchdogDeps {
  limits(): SupervisionLimits;
  slots(): Iterable<SessionSlot>;
  now(): number;
  log: Logger;
  recycle(slot: SessionSlot, reason: string): void;
  kill(slot: SessionSlot, reason: string): void;
  /** Stops a session that waited too long to be linked. */
  stopUnlinked(slot: SessionSlot, reason: string): void;
}

/** The supervisor's periodic health sweep. */
export class Watchdog {
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private lastSweepAt: number | null = null;

  constructor(private readonly deps: WatchdogDeps) {}

  /** Starts the sweep if it is not running. */
  ensureRunning(): void {
    if (this.timer || this.stopped) return;
    this.lastSweepAt = null;
    this.timer = setInterval(() => this.sweep(), sweepInterval(this.deps.limits()));
    this.timer.unref();
  }

  /** Restarts the timer with the current limits. */
  reschedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.ensureRunning();
  }

  /** Stops sweeping for good. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks every running actor once, unless this sweep comes late (see the header). */
  sweep(): void {
    const limits = this.deps.limits();
    const now = this.deps.now();
    const last = this.lastSweepAt;
    this.lastSweepAt = now;
    if (last !== null && now - last > sweepInterval(limits) + limits.heartbeatMs) {
      this.deps.log.warn({ stalledMs: now - last }, 'supervisor event loop stalled; actors are judged on the next sweep');
      return;
    }
    for (const slot of this.deps.slots()) {
      const h = slot.handle;
      if (!h?.alive || slot.killReason) continue;
      const verdict = assess(
        {
          status: slot.status,
          ready: h.isReady,
          lastHeartbeatAt: h.lastHeartbeatAt,
          rssBytes: h.lastHeartbeat?.rssBytes ?? null,
          lastTrafficAt: slot.lastTrafficAt,
          connectedSince: slot.connectedSince,
          probing: slot.probing,
          waitingLinkSince: slot.waitingLinkSince,
        },
        now,
        limits,
      );
      if (verdict === 'hung') this.deps.kill(slot, `no heartbeat for ${now - h.lastHeartbeatAt} ms`);
      else if (verdict === 'over_rss') this.deps.recycle(slot, `rss ${h.lastHeartbeat?.rssBytes} bytes over budget ${limits.rssBudgetBytes}`);
      else if (verdict === 'probe') this.probe(slot, limits);
      else if (verdict === 'unlinked') this.deps.stopUnlinked(slot, `${NOT_LINKED_REASON} ${spell(limits.linkTimeoutMs)}`);
    }
  }

  private probe(slot: SessionSlot, limits: SupervisionLimits): void {
    const h = slot.handle;
    if (!h) return;
    slot.probing = true;
    h.call('probe', {}, { timeoutMs: limits.probeTimeoutMs })
      .then((res) => {
        if (slot.handle !== h) return;
        if (res.lastTrafficAt !== null && res.lastTrafficAt > (slot.lastTrafficAt ?? 0)) slot.lastTrafficAt = res.lastTrafficAt;
        if (!res.open) this.deps.recycle(slot, 'probe: socket not open while connected');
        else if (isDeaf(slot, this.deps.now(), limits.deafAfterMs)) this.deps.recycle(slot, 'probe: no traffic from WhatsApp');
      })
      .catch((err: unknown) => {
        if (slot.handle === h) this.deps.recycle(slot, `probe unanswered (${(err as Error).message})`);
      })
      .finally(() => {
        if (slot.handle === h) slot.probing = false;
      });
  }
}

/** The sweep period: the heartbeat interval, within 50 ms..5 s. */
function sweepInterval(limits: SupervisionLimits): number {
  return Math.max(50, Math.min(limits.heartbeatMs, 5_000));
}

/** A duration as the stop reason says it: whole minutes, or seconds below a minute. */
function spell(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1_000)} s`;
}
