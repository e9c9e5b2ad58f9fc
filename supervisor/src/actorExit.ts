/**
 * What happens when a supervised actor exits (not one this node lost to another: the Supervisor
 * drops those first). A stop the operator or the node asked for settles the status; otherwise
 * the pure restart policy (restartPolicy.ts) decides between a delayed restart and a terminal
 * status (`problematic`, `logged_out`, ...). Each outcome is recorded on the Session and
 * published as an `actor-exit` event once that write is done.
 */
import { NODE_STOPPED_REASON, type ExitInfo, type SessionStatus } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { ActorHandle } from './ActorHandle.ts';
import { decide, recordDecision, type RestartSpec } from './restartPolicy.ts';
import type { SessionSlot } from './sessionSlot.ts';
import { changeStatus, type SlotSinks } from './slotReports.ts';

/** What exit handling needs of the Supervisor. */
export interface ExitContext {
  sinks: SlotSinks;
  log: Logger;
  restart: RestartSpec;
  /** True once the node shuts down (no restarts). */
  stopping(): boolean;
  /** Restart times of every session of this node (global intensity); replaced on each restart decision. */
  globalRestarts: number[];
  /** Forks the slot's actor again. */
  respawn(slot: SessionSlot): void;
}

/** Settles the slot after its actor `handle` exited (see the module comment). */
export function handleExit(ctx: ExitContext, slot: SessionSlot, handle: ActorHandle, info: ExitInfo): void {
  const { sinks, log } = ctx;
  const stopReason = slot.stopRequested ? slot.stopReason : null;
  const reason = stopReason ?? slot.killReason ?? describeExit(info);
  slot.killReason = null;
  const exitEvent = { type: 'actor-exit' as const, exit: info.kind, code: info.code, signal: info.signal };
  if (slot.stopRequested || ctx.stopping()) {
    const status: SessionStatus = info.kind === 'logged_out' ? 'logged_out' : 'stopped';
    // A node shutting down is no error of the session's: said in the event, not kept as its last error.
    const error = stopReason && stopReason !== NODE_STOPPED_REASON ? { lastError: stopReason } : {};
    const settled = changeStatus(sinks, slot, status, error, stopReason ?? undefined);
    void sinks.events.append(slot.sessionId, { ...exitEvent, action: 'none', reason }, settled);
    return;
  }
  const now = sinks.now();
  const history = { ...slot.history, globalRestarts: ctx.globalRestarts };
  const decision = decide({ kind: info.kind, startedAt: handle.startedAt, exitedAt: now }, history, now, ctx.restart);
  const next = recordDecision(history, decision, now, ctx.restart);
  slot.history = { restarts: [...next.restarts], attempt: next.attempt };
  ctx.globalRestarts = [...next.globalRestarts];
  slot.lastError = decision.action === 'stop' ? `${reason}: ${decision.reason}` : reason;
  if (decision.action === 'stop') {
    log.warn({ sessionId: slot.sessionId, status: decision.status, reason: slot.lastError }, 'actor not restarted');
    const problematic = decision.status === 'problematic';
    const settled = changeStatus(sinks, slot, decision.status, {
      lastError: slot.lastError,
      ...(problematic ? { problematicSince: new Date(now) } : {}),
    });
    void sinks.events.append(slot.sessionId, { ...exitEvent, action: 'stop', reason: slot.lastError }, settled);
    return;
  }
  slot.restarts += 1;
  log.warn({ sessionId: slot.sessionId, reason, delayMs: decision.delayMs, attempt: decision.attempt }, 'restart scheduled');
  const restarted = sinks.records.restarted(slot.sessionId, reason, info.code, new Date(now));
  void sinks.events.append(slot.sessionId, { ...exitEvent, action: 'restart', delayMs: decision.delayMs, reason }, restarted);
  void changeStatus(sinks, slot, 'reconnecting');
  slot.restartTimer = setTimeout(() => {
    slot.restartTimer = null;
    if (!ctx.stopping() && !slot.handle && !slot.stopRequested) ctx.respawn(slot);
  }, decision.delayMs);
}

function describeExit(info: ExitInfo): string {
  return info.signal ? `${info.kind} (signal ${info.signal})` : `${info.kind} (code ${info.code})`;
}
