import type { SocketError, SocketErrorCode } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { ExtendedError } from 'socket.io';
import type { RealtimeSocket } from './clientState.ts';
import { newSocketData } from './clientState.ts';
import type { RealtimeDeps } from './types.ts';

/** Thrown by token verifiers to pick the code the client sees (default `invalid_token`). */
export class SocketAuthError extends Error {
  constructor(
    readonly code: SocketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SocketAuthError';
  }
}

/** A handshake rejection: the client gets `connect_error` with `err.data = { code, message }`. */
export function handshakeError(code: SocketErrorCode, message: string): ExtendedError {
  const err = new Error(message) as ExtendedError;
  err.data = { code, message } satisfies SocketError;
  return err;
}

/** The token from `auth.token`, or from an `Authorization: Bearer` header (non-browser clients). */
function tokenOf(socket: RealtimeSocket): string | undefined {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  if (typeof auth?.token === 'string' && auth.token.length > 0) return auth.token.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+\S+/i.test(header)) return header.replace(/^Bearer\s+/i, '');
  return undefined;
}

/**
 * Socket.IO middleware: verifies the handshake JWT and loads the user's ability before the
 * socket exists. Without a valid token the connection is refused at once with a coded error.
 */
export function authenticateSocket(deps: Pick<RealtimeDeps, 'verifyToken' | 'loadUserContext'>, logger: Logger) {
  return async function authenticateHandshake(socket: RealtimeSocket, next: (err?: ExtendedError) => void): Promise<void> {
    const token = tokenOf(socket);
    if (!token) return next(handshakeError('auth_required', 'A token is required in auth.token'));
    try {
      const verified = await deps.verifyToken(token);
      if (!verified) return next(handshakeError('invalid_token', 'The token is not valid'));
      if (verified.expiresAt !== undefined && verified.expiresAt <= Date.now()) {
        return next(handshakeError('token_expired', 'The token has expired'));
      }
      const user = await deps.loadUserContext(verified);
      if (!user) return next(handshakeError('token_revoked', 'The token has been revoked'));
      socket.data = newSocketData(socket, verified, user);
      next();
    } catch (err) {
      if (err instanceof SocketAuthError) return next(handshakeError(err.code, err.message));
      logger.error({ err }, 'socket handshake failed');
      next(handshakeError('internal_error', 'Authentication failed'));
    }
  };
}
