import type { HubEvent, SessionHub } from '@switchboard/shared';
import { Role, Session, User } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { EmailService, Recipient } from './EmailService.ts';

type Problem = 'logged_out' | 'problematic' | 'replaced';
const PROBLEMS: ReadonlySet<string> = new Set<Problem>(['logged_out', 'problematic', 'replaced']);

/** Options of watchOperatorAlerts. */
export interface OperatorAlertOptions {
  hub: Pick<SessionHub, 'subscribe'>;
  email: EmailService;
  logger: Logger;
  /** Fixed recipients; when empty, every active admin (in their own language). */
  alertEmails: string[];
}

/** Who receives operator alerts. */
async function recipients(fixed: string[]): Promise<Recipient[]> {
  if (fixed.length > 0) return fixed.map((email) => ({ email, locale: 'es' as const }));
  const admin = await Role.findOne({ name: 'admin' }, { _id: 1 }).lean();
  if (!admin) return [];
  const users = await User.find({ role: admin._id, active: true }, { email: 1, locale: 1 }).lean();
  return users.map((u) => ({ email: u.email, locale: u.locale }));
}

/**
 * Emails operators when a session is logged out, replaced or becomes problematic. One alert
 * per problem until the session connects again, so a flapping session does not flood inboxes.
 * Returns the unsubscribe function.
 */
export function watchOperatorAlerts(opts: OperatorAlertOptions): () => void {
  const log = opts.logger.child({ component: 'operator-alerts' });
  const alerted = new Map<string, string>();
  const handle = async (e: Extract<HubEvent, { type: 'connection-state' }>) => {
    if (e.status === 'connected') {
      alerted.delete(e.sessionId);
      return;
    }
    if (!PROBLEMS.has(e.status) || alerted.get(e.sessionId) === e.status) return;
    alerted.set(e.sessionId, e.status);
    const session = await Session.findOne({ sessionId: e.sessionId }, { name: 1 }).lean();
    const to = await recipients(opts.alertEmails);
    log.warn({ sessionId: e.sessionId, status: e.status, recipients: to.length }, 'operator alert');
    for (const r of to) {
      opts.email.sendLater(r, 'sessionAlert', {
        sessionId: e.sessionId,
        sessionName: session?.name ?? e.sessionId,
        problem: e.status as Problem,
        ...(e.cause ? { detail: e.cause } : {}),
      });
    }
  };
  return opts.hub.subscribe((event) => {
    if (event.type !== 'connection-state') return;
    handle(event).catch((err: unknown) => log.error({ err, sessionId: event.sessionId }, 'operator alert failed'));
  });
}
