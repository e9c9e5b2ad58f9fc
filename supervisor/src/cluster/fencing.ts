/**
 * What the Supervisor asks of cluster mode (implemented by the LeaseKeeper; absent on a single
 * node): the fencing token to hand an actor, a lease for a session started here, and whether a
 * session's events may still be written by this node.
 */
export interface SupervisorFencing {
  /** The token of this node's lease on the session, undefined when it holds none. */
  fenceOf(sessionId: string): number | undefined;
  /** Acquires the session's lease for this node; false when another node holds it. */
  acquire(sessionId: string): Promise<boolean>;
  /** True while this node still holds the lease with its token (checked in the database). */
  verify(sessionId: string): Promise<boolean>;
}
