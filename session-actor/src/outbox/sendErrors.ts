/**
 * How a failed send attempt is judged (`Outbox`): fail it now, keep it queued without counting
 * the attempt, or count it towards the retries.
 */
import { isTransientDbError } from '@switchboard/shared/node';
/** Errors that no retry can fix: the message is failed at once. */
const PERMANENT = new Set(['invalid_recipient', 'invalid_message', 'media_not_found', 'not_in_group', 'admins_only', 'blocked']);

/** A group that lets only admins send, to an account that is not one: failed as `admins_only`, never tried. */
export function adminsOnlyRefusal(): Error {
  return Object.assign(new Error('admins_only'), { code: 'admins_only' });
}

/** A contact the account blocked: failed as `blocked`, never tried (WhatsApp's app refuses it too). */
export function blockedRefusal(): Error {
  return Object.assign(new Error('blocked'), { code: 'blocked' });
}

/**
 * A group that answers a send with 403 (its metadata, asked before every group send) no longer
 * has the account in it — it left, or was removed: no retry helps. The failure's reason is the
 * code `not_in_group`, which the inbox words.
 */
export function groupRefusal(err: unknown, chatId: string): unknown {
  const boom = err as { isBoom?: unknown; data?: unknown } | null;
  return chatId.endsWith('@g.us') && boom?.isBoom && boom.data === 403 ? Object.assign(new Error('not_in_group'), { code: 'not_in_group' }) : err;
}

/**
 * Boom status codes of a connection that closed, timed out or was replaced under a send, and of
 * a server that is unavailable (Baileys' DisconnectReason): not the message's fault.
 */
const CONNECTION_FAULTS = new Set([408, 428, 440, 503, 515]);

/**
 * True for a passing fault on WhatsApp's side: the connection went away under the send, or the
 * server answered a query of the send (device list, key bundles) with a 5xx or 429 error.
 */
export function isPassingServerFault(err: unknown): boolean {
  const boom = err as { isBoom?: unknown; data?: unknown; output?: { statusCode?: unknown } } | null;
  if (!boom?.isBoom) return false;
  // An error node of a query: its code is the Boom's data (4xx: the request was wrong).
  if (typeof boom.data === 'number') return boom.data >= 500 || boom.data === 429 || boom.data === 408;
  const status = boom.output?.statusCode;
  return typeof status === 'number' && CONNECTION_FAULTS.has(status);
}

/**
 * How a failed send attempt is judged: `permanent` fails the message now; `transient` (the
 * database was unreachable, or a passing fault on WhatsApp's side: issue 14) keeps it queued
 * without counting the attempt; `retry` is a send error that counts towards `maxAttempts`.
 */
export function classifySendError(err: unknown): 'permanent' | 'transient' | 'retry' {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PERMANENT.has(code)) return 'permanent';
  return isTransientDbError(err) || isPassingServerFault(err) ? 'transient' : 'retry';
}
