/**
 * Tells a database fault that a retry can outlive (the server is unreachable, stepping down,
 * busy, or the connection dropped) from one that no retry fixes (a validation error, a
 * duplicate key, a bad query). Code that must not lose work (the actor's outbox and media
 * retries, the event log) keeps the work queued on a transient fault and gives up only on a
 * permanent one. Works on errors of the mongodb driver and mongoose, whatever their module
 * instance, so it looks at names, labels and codes rather than classes.
 */

/** Driver error classes that mean "the server could not be reached or answered in time". */
const TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  'MongoStalePrimaryError',
]);

/** Labels the driver puts on errors it would retry itself. */
const TRANSIENT_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool', 'PoolRequestedRetry'];

/** Server codes of a replica set in transition, a node shutting down, or a busy server. */
const TRANSIENT_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  112, // WriteConflict
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
  10058, // LegacyNotPrimary
  133, // FailedToSatisfyReadPreference
]);

/** Node socket errors seen when a connection to the server breaks. */
const TRANSIENT_SYSCALL = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const TRANSIENT_MESSAGE = /not (?:writable )?primary|not master|node is recovering|buffering timed out/i;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  hasErrorLabel?: (label: string) => boolean;
}

/** True when `err` (or an error it wraps as `cause`) is a database fault worth retrying. */
export function isTransientDbError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as ErrorLike;
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.hasErrorLabel === 'function' && TRANSIENT_LABELS.some((l) => e.hasErrorLabel!(l))) return true;
  if (typeof e.code === 'number' && TRANSIENT_CODES.has(e.code)) return true;
  if (typeof e.code === 'string' && TRANSIENT_SYSCALL.has(e.code)) return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return true;
  return isTransientDbError(e.cause, depth + 1);
}
