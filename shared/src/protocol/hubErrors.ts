/**
 * Coded errors a SessionHub raises, with the HTTP status the gateway should answer with.
 * Remote (actor) errors keep their own code; `hubErrorStatus` maps the known ones.
 */
import { RPC_ERROR_CODES, RpcError } from './rpc.ts';

/** Stable codes of hub-level failures. */
export const HUB_ERROR_CODES = {
  SESSION_NOT_FOUND: 'session_not_found',
  HUB_CLOSED: 'hub_closed',
  INVALID_RECIPIENT: 'invalid_recipient',
  INVALID_MESSAGE: 'invalid_message',
  MESSAGE_NOT_FOUND: 'message_not_found',
  NOT_OUTGOING: 'not_outgoing',
  NOT_FAILED: 'not_failed',
  /** Cluster mode: no node holds a live lease of the session (it is moving), or its owner did not answer. */
  SESSION_MOVING: 'session_moving',
} as const;

const STATUS: Record<string, number> = {
  [HUB_ERROR_CODES.SESSION_NOT_FOUND]: 404,
  [HUB_ERROR_CODES.HUB_CLOSED]: 503,
  [HUB_ERROR_CODES.INVALID_RECIPIENT]: 400,
  [HUB_ERROR_CODES.INVALID_MESSAGE]: 400,
  [HUB_ERROR_CODES.MESSAGE_NOT_FOUND]: 404,
  [HUB_ERROR_CODES.NOT_OUTGOING]: 409,
  [HUB_ERROR_CODES.NOT_FAILED]: 409,
  [HUB_ERROR_CODES.SESSION_MOVING]: 503,
  [RPC_ERROR_CODES.NOT_RUNNING]: 409,
  [RPC_ERROR_CODES.ACTOR_EXITED]: 503,
  [RPC_ERROR_CODES.TIMEOUT]: 504,
  [RPC_ERROR_CODES.UNKNOWN_COMMAND]: 500,
  [RPC_ERROR_CODES.INTERNAL]: 500,
  actor_failed_start: 503,
  not_connected: 409,
  not_a_group: 400,
  not_in_group: 409,
  not_group_admin: 409,
  invite_expired: 409,
  invite_invalid: 409,
  not_a_contact: 400,
  cannot_block: 409,
};

/** HTTP status for a hub or actor error code (500 when unknown). */
export function hubErrorStatus(code: string): number {
  return STATUS[code] ?? 500;
}

/** A hub-level coded error (same class as rpc errors, so callers check one type). */
export function hubError(code: (typeof HUB_ERROR_CODES)[keyof typeof HUB_ERROR_CODES], message: string): RpcError {
  return new RpcError(code, message);
}
