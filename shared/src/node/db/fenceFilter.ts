/**
 * Fencing by token (cluster mode; docs/cluster.md, "Cluster mode: leases and fencing"): a
 * fenced document carries the `fence` (lease token) of its last writer, and a write matches
 * only documents whose fence is not newer than the writer's token. Used by the actor's auth
 * state (session-actor/src/auth/fence.ts) and the supervisor's event log.
 */

/** Filter part matching documents a writer with `token` may overwrite (older fence, or none). */
export function fenceFilter(token: number): Record<string, unknown> {
  return { $or: [{ fence: { $lte: token } }, { fence: { $exists: false } }] };
}
