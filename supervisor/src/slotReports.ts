/**
 * How a supervised session's status, vitals and events are recorded: on its slot first (so
 * waiters and the watchdog see it at once), then on the Session document (SessionRecords), and
 * only then, numbered and stored, on the EventLog that the hub's subscribers read.
 *
 * from: ActorHandle (actor events, heartbeats) or the Supervisor's own decisions (starting,
 * reconnecting, problematic, stopped) → here → next: SessionRecords and EventLog.
 */
import type { ActorEvent, HeartbeatEnvelope, SessionStatus } from '@switchboard/shared';
import type { EventLog } from './events/eventLog.ts';
import type { SessionRecords, StatusPatch } from './sessionRecords.ts';
import type { SessionSlot } from './sessionSlot.ts';

/** How often, at most, a session's heartbeat metrics are written to its Session document. */
const METRICS_EVERY_MS = 30_000;

/** Where slot reports go. */
export interface SlotSinks {
  records: SessionRecords;
  events: EventLog;
  now(): number;
}

/** Statuses a session waiting to be linked passes through between its QR codes. */
const WAITING_LINK: ReadonlySet<SessionStatus> = new Set(['qr', 'starting', 'connecting', 'reconnecting']);

/** Sets the slot's status and wakes whoever waits for a status change (waitSettled). */
export function setSlotStatus(slot: SessionSlot, status: SessionStatus, now: number): void {
  if (status === 'qr') slot.waitingLinkSince ??= now;
  else if (!WAITING_LINK.has(status)) slot.waitingLinkSince = null;
  slot.status = status;
  for (const waiter of [...slot.waiters]) waiter();
}

/**
 * Sets the status, persists it, then publishes a connection-state event when it changed; its
 * message is `message`, else the patch's last error.
 */
export async function changeStatus(sinks: SlotSinks, slot: SessionSlot, status: SessionStatus, patch: StatusPatch = {}, message = patch.lastError ?? undefined): Promise<void> {
  const changed = slot.status !== status;
  setSlotStatus(slot, status, sinks.now());
  const persisted = sinks.records.setStatus(slot.sessionId, status, patch);
  if (changed) {
    const cause = slot.lastDisconnectCause && (status === 'logged_out' || status === 'replaced') ? slot.lastDisconnectCause : undefined;
    await sinks.events.append(slot.sessionId, { type: 'connection-state', status, ...(cause ? { cause } : {}), ...(message ? { message } : {}) }, persisted);
  }
  await persisted;
}

/** An event from the session's actor: updates the slot and the Session, then logs the event. */
export function recordActorEvent(sinks: SlotSinks, slot: SessionSlot, event: ActorEvent): void {
  let persisted: Promise<void> | undefined;
  if (event.type === 'connection-state') {
    const now = sinks.now();
    if (event.status === 'connected') {
      slot.connectedSince = now;
      slot.lastTrafficAt = now;
    } else slot.connectedSince = null;
    if (event.cause) slot.lastDisconnectCause = event.cause;
    setSlotStatus(slot, event.status, now);
    persisted = sinks.records.setStatus(slot.sessionId, event.status, {
      ...(event.cause ? { lastDisconnectCause: event.cause } : {}),
      ...(event.status === 'connected' ? { lastConnectedAt: new Date(now) } : {}),
      ...(event.me ? { me: event.me } : {}),
    });
  } else if ((event.type === 'qr' || event.type === 'pairing-code') && slot.status !== 'qr') {
    // A QR means the session waits for a scan, whether or not a connection-state said so.
    setSlotStatus(slot, 'qr', sinks.now());
    persisted = sinks.records.setStatus(slot.sessionId, 'qr');
  }
  void sinks.events.append(slot.sessionId, event, persisted);
}

/** A heartbeat: keeps the slot's last traffic time and writes the metrics now and then. */
export function recordHeartbeat(sinks: SlotSinks, slot: SessionSlot, beat: HeartbeatEnvelope): void {
  const traffic = beat.counters.lastTrafficAt;
  if (traffic !== null && traffic > (slot.lastTrafficAt ?? 0)) slot.lastTrafficAt = traffic;
  const now = sinks.now();
  if (now - slot.metricsSavedAt >= METRICS_EVERY_MS) {
    slot.metricsSavedAt = now;
    void sinks.records.metrics(slot.sessionId, beat);
  }
}
