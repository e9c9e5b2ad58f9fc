import type { DisconnectCause } from '@switchboard/shared';

/** What the actor does after a close: reconnect in-process, or exit with a terminal meaning. */
export type CloseAction = 'reconnect' | 'restart-now' | 'logged-out' | 'replaced' | 'stopped';

/** A classified close of the Baileys socket. */
export interface ClassifiedClose {
  cause: DisconnectCause;
  statusCode: number | undefined;
  action: CloseAction;
  message: string;
}

const CAUSE_BY_CODE: Record<number, DisconnectCause> = {
  515: 'restart_required',
  401: 'logged_out',
  440: 'replaced',
  408: 'connection_lost',
  428: 'connection_closed',
  500: 'bad_session',
  503: 'unavailable',
  403: 'forbidden',
  411: 'multidevice_mismatch',
};

/** Reads `lastDisconnect.error.output.statusCode` (a Boom error) without trusting its shape. */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const output = (error as { output?: { statusCode?: unknown } }).output;
  const code = output?.statusCode;
  return typeof code === 'number' && Number.isFinite(code) ? code : undefined;
}

/** Maps a Baileys status code to the shared DisconnectCause vocabulary. */
export function causeOf(statusCode: number | undefined): DisconnectCause {
  if (statusCode === undefined) return 'unknown';
  return CAUSE_BY_CODE[statusCode] ?? 'unknown';
}

/**
 * Classifies a `connection: 'close'` update. `intentional` is true when the actor itself ended
 * the socket (shutdown): then nothing reconnects. 515 (restart required, e.g. right after
 * pairing) reconnects immediately; 401 and 411 need a new pairing; 440 means another client took
 * over; every other close (408, 428, 500, 503, 403, unknown) is retried with backoff.
 */
export function classifyClose(error: unknown, intentional: boolean): ClassifiedClose {
  const statusCode = statusCodeOf(error);
  const cause = causeOf(statusCode);
  const message = error instanceof Error ? error.message : 'connection closed';
  if (intentional) return { cause, statusCode, action: 'stopped', message };
  switch (cause) {
    case 'restart_required':
      return { cause, statusCode, action: 'restart-now', message };
    case 'logged_out':
    case 'multidevice_mismatch':
      return { cause, statusCode, action: 'logged-out', message };
    case 'replaced':
      return { cause, statusCode, action: 'replaced', message };
    default:
      return { cause, statusCode, action: 'reconnect', message };
  }
}
