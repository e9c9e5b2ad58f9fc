/**
 * Placement of sessions over cluster nodes, as pure judgements (STYLE.md: like `decide()` of
 * the restart policy): which nodes are alive, which is the least loaded, and how many free
 * sessions a node should take now. Sticky: a node keeps what it holds; it only takes sessions
 * nobody holds, up to its fair share, so a dead node's sessions spread over the survivors.
 */

/** What placement reads of a node (a ClusterNode document). */
export interface NodeLoad {
  _id: string;
  heartbeatAt: Date;
  sessions: number;
  rssBytes: number;
  draining: boolean;
}

/** Nodes whose heartbeat is younger than `ttlMs` at `now`. */
export function liveNodes<T extends NodeLoad>(nodes: readonly T[], now: number, ttlMs: number): T[] {
  return nodes.filter((n) => now - n.heartbeatAt.getTime() < ttlMs);
}

/** Orders nodes least loaded first: by sessions, then RSS, then id (stable across nodes). */
export function byLoad<T extends NodeLoad>(nodes: readonly T[]): T[] {
  return [...nodes].sort((a, b) => a.sessions - b.sessions || a.rssBytes - b.rssBytes || a._id.localeCompare(b._id));
}

/** Input of `adoptionQuota`. */
export interface AdoptionInput {
  nodeId: string;
  /** Sessions this node holds now. */
  held: number;
  /** Active sessions in the whole cluster (held by anyone or free). */
  total: number;
  /** Sessions nobody holds now. */
  free: number;
  /** Live nodes (this one may be missing before its first heartbeat). */
  nodes: readonly NodeLoad[];
  draining: boolean;
}

/**
 * How many free sessions this node should acquire now: none while draining, else up to its
 * fair share `ceil(total / serving nodes)` minus what it holds, and never more than are free.
 */
export function adoptionQuota(input: AdoptionInput): number {
  if (input.draining || input.free === 0) return 0;
  const serving = new Set(input.nodes.filter((n) => !n.draining).map((n) => n._id));
  serving.add(input.nodeId);
  const fairShare = Math.ceil(input.total / serving.size);
  return Math.max(0, Math.min(input.free, fairShare - input.held));
}
