/**
 * Periodic clean-up (CLEANUP_CRON, every 6 h by default). FerretDB has no TTL indexes, so
 * expiry is done here: old session events and send keys, expired password-reset tokens,
 * credentials of sessions that are logged out or long inactive, and an automatic
 * reset-attempts of sessions that stayed `problematic` for too long.
 */
import { AuthKey, AuthState, PasswordResetToken, Session, SendKey, SessionEvent } from '@switchboard/shared/node';
import type { Logger } from 'pino';

/** Retention settings (ms); 0 disables the corresponding step. */
export interface CleanupPolicy {
  /** Keep session events (the realtime replay log) this long. */
  eventRetentionMs: number;
  /** Keep send idempotency keys this long (a client retrying later gets a new send). */
  sendKeyRetentionMs: number;
  /** Drop credentials of sessions stopped (inactive) for this long. */
  inactiveSessionMs: number;
  /** Reset the attempts of sessions `problematic` for this long (they get another chance). */
  problematicResetMs: number;
}

/** Default retention: events and send keys 7 days, inactive credentials 30 days, problematic 1 h. */
export const DEFAULT_CLEANUP_POLICY: CleanupPolicy = {
  eventRetentionMs: 7 * 86_400_000,
  sendKeyRetentionMs: 7 * 86_400_000,
  inactiveSessionMs: 30 * 86_400_000,
  problematicResetMs: 3_600_000,
};

/** What one clean-up run removed or reset. */
export interface CleanupResult {
  events: number;
  sendKeys: number;
  resetTokens: number;
  credentialsCleared: string[];
  problematicReset: string[];
}

/** Runs one clean-up pass at `now`. `resetAttempts` is the hub's (restarts the session). */
export async function runCleanup(
  now: number,
  policy: CleanupPolicy,
  resetAttempts: (sessionId: string) => Promise<void>,
  log: Logger,
): Promise<CleanupResult> {
  const before = (ms: number) => new Date(now - ms);
  const events = policy.eventRetentionMs ? (await SessionEvent.deleteMany({ at: { $lt: before(policy.eventRetentionMs) } })).deletedCount : 0;
  const sendKeys = policy.sendKeyRetentionMs ? (await SendKey.deleteMany({ createdAt: { $lt: before(policy.sendKeyRetentionMs) } })).deletedCount : 0;
  const resetTokens = (await PasswordResetToken.deleteMany({ expiresAt: { $lt: new Date(now) } })).deletedCount;

  const stale = await Session.find(
    {
      $or: [
        { status: 'logged_out' },
        ...(policy.inactiveSessionMs ? [{ active: false, updatedAt: { $lt: before(policy.inactiveSessionMs) } }] : []),
      ],
    },
    { sessionId: 1 },
  ).lean();
  const credentialsCleared: string[] = [];
  for (const { sessionId } of stale) {
    const removed = (await AuthState.deleteMany({ sessionId })).deletedCount + (await AuthKey.deleteMany({ sessionId })).deletedCount;
    if (removed > 0) credentialsCleared.push(sessionId);
  }

  const problematicReset: string[] = [];
  if (policy.problematicResetMs) {
    const stuck = await Session.find({ status: 'problematic', active: true, problematicSince: { $lt: before(policy.problematicResetMs) } }, { sessionId: 1 }).lean();
    for (const { sessionId } of stuck) {
      try {
        await resetAttempts(sessionId);
        problematicReset.push(sessionId);
      } catch (err) {
        log.warn({ err, sessionId }, 'automatic reset-attempts failed');
      }
    }
  }
  const result = { events, sendKeys, resetTokens, credentialsCleared, problematicReset };
  log.info({ ...result }, 'clean-up done');
  return result;
}
