import type { AlertView, SessionStatus } from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import type { GatewayDeps } from '../../deps.ts';

/** Statuses that need an operator (the same ones operator emails are sent for). */
export const ALERT_STATUSES: readonly SessionStatus[] = ['problematic', 'logged_out', 'replaced'];

/**
 * Sessions that need an operator, most recent problem first. The live status from the hub
 * wins over the stored one (a stored `logged_out` whose actor now shows a QR is no alert).
 */
export async function sessionAlerts(deps: GatewayDeps): Promise<AlertView[]> {
  const live = deps.hub.snapshots().filter((s) => ALERT_STATUSES.includes(s.status)).map((s) => s.sessionId);
  const docs = await Session.find(
    { $or: [{ status: { $in: [...ALERT_STATUSES] } }, { sessionId: { $in: live } }] },
    { sessionId: 1, name: 1, status: 1, metrics: 1, problematicSince: 1, updatedAt: 1 },
  ).lean();
  const alerts: AlertView[] = [];
  for (const d of docs) {
    const snap = deps.hub.snapshot(d.sessionId);
    const status = snap?.status ?? d.status;
    if (!ALERT_STATUSES.includes(status)) continue;
    const since = d.problematicSince ?? d.updatedAt ?? null;
    alerts.push({
      sessionId: d.sessionId,
      name: d.name,
      status,
      cause: d.metrics?.lastDisconnectCause ?? snap?.lastDisconnectCause ?? null,
      since: since ? since.toISOString() : null,
    });
  }
  return alerts.sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''));
}
