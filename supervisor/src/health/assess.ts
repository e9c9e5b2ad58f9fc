/**
 * The watchdog's judgement of one running actor, as a pure function of what the supervisor
 * has seen: hung (heartbeats missed), over its memory budget, deaf (connected but silent), or
 * waiting too long for someone to link it.
 */
import type { SessionStatus } from '@switchboard/shared';
import type { SupervisionLimits } from '../supervisorOptions.ts';

/** What the watchdog knows about one actor. */
export interface ActorVitals {
  status: SessionStatus;
  ready: boolean;
  /** Epoch ms of the last heartbeat (or of the fork when none came yet). */
  lastHeartbeatAt: number;
  rssBytes: number | null;
  /** Epoch ms of the last WhatsApp traffic the actor reported, or null. */
  lastTrafficAt: number | null;
  /** Epoch ms since when the session has been connected, or null. */
  connectedSince: number | null;
  /** A probe is already in flight. */
  probing: boolean;
  /** Epoch ms since when the session has been waiting to be linked, or null. */
  waitingLinkSince: number | null;
}

/** What to do with the actor now. */
export type Verdict = 'ok' | 'hung' | 'over_rss' | 'probe' | 'unlinked';

/** Judges one actor at `now`. */
export function assess(v: ActorVitals, now: number, limits: SupervisionLimits): Verdict {
  if (!v.ready) return 'ok'; // the ready timeout covers the start phase
  if (now - v.lastHeartbeatAt > limits.heartbeatMs * limits.missedHeartbeats) return 'hung';
  if (limits.rssBudgetBytes > 0 && v.rssBytes !== null && v.rssBytes > limits.rssBudgetBytes) return 'over_rss';
  if (isDeaf(v, now, limits.deafAfterMs) && !v.probing) return 'probe';
  if (limits.linkTimeoutMs > 0 && v.waitingLinkSince !== null && now - v.waitingLinkSince > limits.linkTimeoutMs) return 'unlinked';
  return 'ok';
}

/** True when a connected session has heard nothing from WhatsApp for `deafAfterMs`. */
export function isDeaf(v: Pick<ActorVitals, 'status' | 'lastTrafficAt' | 'connectedSince'>, now: number, deafAfterMs: number): boolean {
  if (deafAfterMs <= 0 || v.status !== 'connected' || v.connectedSince === null) return false;
  const heardAt = Math.max(v.lastTrafficAt ?? 0, v.connectedSince);
  return now - heardAt > deafAfterMs;
}
