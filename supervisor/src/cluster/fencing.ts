/**
 * What the Supervisor asks of cluster mode (implemented by the LeaseKeeper; absent on a single
 * node): the fencing token to hand an actor (and to fence the session's event writes with), and
 * a lease for a session started here.
 */
export interface SupervisorFencing {
  /** The token of this node's lease on the session, undefined when it holds none. */
  fenceOf(sessionId: string): number | undefined;
  /** Acquires the session's lease for this node; false when another node holds it. */
  acquire(sessionId: string): Promise<boolean>;
}
