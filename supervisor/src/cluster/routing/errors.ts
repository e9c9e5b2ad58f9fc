/**
 * The coded error of a command that cannot reach its session's owner right now: nobody holds a
 * live lease (the session is moving between nodes) or the owner did not answer. The gateway
 * renders it as 503 `session_moving` (shared `hubErrorStatus`) with this message.
 */
import { hubError, HUB_ERROR_CODES, type RpcError } from '@switchboard/shared';

/** `session_moving` for `sessionId`; `why` is logged detail appended to the readable message. */
export function sessionMoving(sessionId: string, why?: string): RpcError {
  const what = sessionId ? `Session ${sessionId}` : 'The session';
  return hubError(HUB_ERROR_CODES.SESSION_MOVING, `${what} is moving to another node, try again in a few seconds${why ? ` (${why})` : ''}`);
}
