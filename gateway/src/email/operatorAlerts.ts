/**
 * Emails operators when a session is logged out, replaced or becomes problematic, with the
 * cause classified as in the session timeline. From: actor → Supervisor's EventLog →
 * hub.subscribe → here (throttled by alertThrottle.ts) → next: EmailService (es/en per recipient).
 */
import type { HubEvent, SessionHub, TimelineKind } from '@switchboard/shared';
import { Role, Session, User } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { defineAbilityFor } from '../policies/defineAbilityFor.ts';
import { subjects } from '../policies/subjects.ts';
import { classify, type LifecycleEvent } from '../timeline/classify.ts';
import { AlertThrottle, DEFAULT_ALERT_POLICY, type AlertDecision, type AlertPolicy } from './alertThrottle.ts';
import type { EmailService, Recipient } from './EmailService.ts';
import type { SessionAlertData } from './templates/catalog.ts';

type Problem = SessionAlertData['problem'];
const PROBLEMS: ReadonlySet<string> = new Set<Problem>(['logged_out', 'problematic', 'replaced']);
/** Timeline kinds that are no trouble: never remembered as the cause of a later alert. */
const NO_TROUBLE: ReadonlySet<TimelineKind> = new Set(['connected', 'qr', 'stopped', 'unlinked', 'node_stopped']);

/** Options of watchOperatorAlerts. */
export interface OperatorAlertOptions {
  hub: Pick<SessionHub, 'subscribe'>;
  email: EmailService;
  logger: Logger;
  /** OPS_EMAILS: fixed recipients; when empty, every active user whose role may manage the session. */
  alertEmails: string[];
  /** FRONTEND_URL: the email links to the session in the console. */
  frontendUrl?: string;
  policy?: AlertPolicy;
  /** Injected clock in ms (tests). */
  now?: () => number;
  /** Timer of the digest (tests fire it by hand); returns a cancel function. */
  setTimer?: (ms: number, run: () => void) => () => void;
  /** Called with each decision of the throttle (tests wait for it instead of sleeping). */
  onDecision?: (sessionId: string, decision: AlertDecision) => void;
}

const defaultTimer = (ms: number, run: () => void) => {
  const t = setTimeout(run, ms);
  t.unref();
  return () => clearTimeout(t);
};

/** Recipients of alerts about `sessionId`, each in their language (an OPS_EMAILS address of a user gets the user's). */
export async function alertRecipients(sessionId: string, fixed: readonly string[]): Promise<Recipient[]> {
  if (fixed.length > 0) {
    const known = await User.find({ email: { $in: fixed } }, { email: 1, locale: 1 }).lean();
    return fixed.map((email) => ({ email, locale: known.find((u) => u.email === email)?.locale ?? 'es' }));
  }
  const roles = await Role.find({}, { name: 1, permissions: 1 }).lean();
  const users = await User.find({ active: true }, { email: 1, locale: 1, role: 1 }).lean();
  return users
    .filter((u) => {
      const role = roles.find((r) => r._id.equals(u.role));
      // Assignments are not loaded: a role limited to assigned chats does not manage sessions.
      return !!role && defineAbilityFor({ id: u._id.toString() }, role, []).can('update', subjects.session(sessionId));
    })
    .map((u) => ({ email: u.email, locale: u.locale }));
}

/** Technical detail of a lifecycle event: WhatsApp's cause and status code, or the exit's reason. */
function detailOf(e: LifecycleEvent): string | undefined {
  if (e.type === 'actor-exit') return [e.exit, e.reason].filter(Boolean).join(': ') || undefined;
  const parts = [e.cause, e.statusCode !== undefined ? `(${e.statusCode})` : undefined, e.message].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * Subscribes to the hub and emails operators; at most one email per session per 30 minutes
 * and six an hour in all, the rest grouped into one digest (see alertThrottle.ts). Returns the
 * unsubscribe function (it also cancels a pending digest).
 */
export function watchOperatorAlerts(opts: OperatorAlertOptions): () => void {
  const log = opts.logger.child({ component: 'operator-alerts' });
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? defaultTimer;
  const throttle = new AlertThrottle<SessionAlertData>(opts.policy ?? DEFAULT_ALERT_POLICY);
  // The last classified trouble of each session, so `problematic` can say what kept failing.
  const lastTrouble = new Map<string, { cause: TimelineKind; detail: string | undefined }>();
  let cancelDigest: (() => void) | null = null;

  const deliver = async (alerts: SessionAlertData[]) => {
    const byEmail = new Map<string, { to: Recipient; alerts: SessionAlertData[] }>();
    for (const a of alerts) {
      for (const to of await alertRecipients(a.sessionId, opts.alertEmails)) {
        const entry = byEmail.get(to.email) ?? { to, alerts: [] };
        entry.alerts.push(a);
        byEmail.set(to.email, entry);
      }
    }
    for (const { to, alerts: mine } of byEmail.values()) {
      if (mine.length === 1) opts.email.sendLater(to, 'sessionAlert', mine[0]!);
      else opts.email.sendLater(to, 'sessionAlertDigest', { alerts: mine });
    }
    log.warn({ sessionIds: alerts.map((a) => a.sessionId), recipients: byEmail.size }, 'operator alert');
  };

  const scheduleDigest = () => {
    const due = throttle.digestDueAt();
    if (due === null || cancelDigest) return;
    cancelDigest = setTimer(Math.max(0, due - now()), () => {
      cancelDigest = null;
      const digest = throttle.takeDigest(now());
      if (digest) deliver(digest).catch((err: unknown) => log.error({ err }, 'operator alert digest failed'));
      scheduleDigest();
    });
  };

  const handle = async (e: LifecycleEvent) => {
    const kind = classify(e);
    if (e.type === 'actor-exit' || !PROBLEMS.has(e.status)) {
      if (kind && !NO_TROUBLE.has(kind)) lastTrouble.set(e.sessionId, { cause: kind, detail: detailOf(e) });
      return;
    }
    const trouble = e.status === 'problematic' ? lastTrouble.get(e.sessionId) : { cause: kind ?? ('other' as const), detail: detailOf(e) };
    const session = await Session.findOne({ sessionId: e.sessionId }, { name: 1 }).lean();
    const alert: SessionAlertData = {
      sessionId: e.sessionId,
      sessionName: session?.name ?? e.sessionId,
      problem: e.status as Problem,
      ...(trouble ? { cause: trouble.cause } : {}),
      ...(trouble?.detail ? { detail: trouble.detail } : {}),
      ...(opts.frontendUrl ? { url: `${opts.frontendUrl.replace(/\/$/, '')}/sessions/${encodeURIComponent(e.sessionId)}` } : {}),
    };
    const decision = throttle.offer(e.sessionId, alert, now());
    opts.onDecision?.(e.sessionId, decision);
    if (decision === 'send') await deliver([alert]);
    else if (decision === 'hold') scheduleDigest();
    else log.info({ sessionId: e.sessionId, status: e.status }, 'operator alert suppressed (session alerted recently)');
  };

  const unsubscribe = opts.hub.subscribe((event: HubEvent) => {
    if (event.type !== 'connection-state' && event.type !== 'actor-exit') return;
    handle(event).catch((err: unknown) => log.error({ err, sessionId: event.sessionId }, 'operator alert failed'));
  });
  return () => {
    unsubscribe();
    cancelDigest?.();
  };
}
