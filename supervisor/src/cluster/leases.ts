/**
 * Session leases (cluster mode): each a single conditional write on the SessionLease found by
 * its `_id`, so it is atomic on MongoDB and on the embedded FerretDB (one writer at a time).
 * Times come from the injected clock; a lease is held while `expiresAt > now`.
 *
 * from: LeaseKeeper (start-up, adoption, renewal, drain) → here → next: the fencing token goes
 * to the actor's `init` (Supervisor.spawn) and guards its writes.
 */
import { ClusterNode, SessionLease, type SessionLeaseDoc } from '@switchboard/shared/node';

const DUPLICATE_KEY = 11000;

/** A lease this node holds: its fencing token and until when (epoch ms). */
export interface HeldLease {
  sessionId: string;
  token: number;
  expiresAt: number;
}

/**
 * Acquires the lease of a session when it is free (never taken, released, or expired) or
 * already this node's, incrementing its fencing token. One `findOneAndUpdate` with an upsert
 * guarded by the `_id`: when another node holds a live lease the filter misses, the upsert's
 * insert collides on `_id` and the answer is null. Two nodes can never both acquire.
 */
export async function acquireLease(sessionId: string, nodeId: string, leaseMs: number, now: number): Promise<HeldLease | null> {
  try {
    // No projection: FerretDB rejects projections in findAndModify.
    const doc = await SessionLease.findOneAndUpdate(
      { _id: sessionId, $or: [{ owner: nodeId }, { owner: null }, { expiresAt: { $lte: new Date(now) } }] },
      { $set: { owner: nodeId, expiresAt: new Date(now + leaseMs), updatedAt: new Date(now) }, $inc: { token: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    if (!doc || doc.owner !== nodeId) return null;
    return { sessionId, token: doc.token, expiresAt: doc.expiresAt.getTime() };
  } catch (err) {
    if ((err as { code?: unknown }).code === DUPLICATE_KEY) return null;
    throw err;
  }
}

/**
 * Extends a lease this node holds with `token`. False when the lease was taken over (another
 * node acquired it, so the token moved on) or released: the caller must stop its actor.
 * A lease that expired but that nobody took is still ours (same token), so it is extended.
 */
export async function renewLease(lease: HeldLease, nodeId: string, leaseMs: number, now: number): Promise<boolean> {
  const res = await SessionLease.updateOne(
    { _id: lease.sessionId, owner: nodeId, token: lease.token },
    { $set: { expiresAt: new Date(now + leaseMs), updatedAt: new Date(now) } },
  );
  if (res.matchedCount !== 1) return false;
  lease.expiresAt = now + leaseMs;
  return true;
}

/**
 * Extends every lease in `held` with one request (as `renewLease` does for one). True when
 * all were extended; false when any was taken over or released (then none is known to be
 * extended: renew them one by one to tell which). One write per round instead of one per
 * session matters on a single-writer database, where each write waits its turn behind the
 * actors' writes: a slow round past the safety margin stops every actor of the node.
 */
export async function renewLeases(held: HeldLease[], nodeId: string, leaseMs: number, now: number): Promise<boolean> {
  if (held.length === 0) return true;
  const res = await SessionLease.updateMany(
    { owner: nodeId, $or: held.map((l) => ({ _id: l.sessionId, token: l.token })) },
    { $set: { expiresAt: new Date(now + leaseMs), updatedAt: new Date(now) } },
  );
  if (res.matchedCount !== held.length) return false;
  for (const lease of held) lease.expiresAt = now + leaseMs;
  return true;
}

/** Releases a lease this node holds so that another node may acquire it at once. */
export async function releaseLease(lease: HeldLease, nodeId: string, now: number): Promise<boolean> {
  const res = await SessionLease.updateOne(
    { _id: lease.sessionId, owner: nodeId, token: lease.token },
    { $set: { owner: null, expiresAt: new Date(now), updatedAt: new Date(now) } },
  );
  return res.matchedCount === 1;
}

/** True when the lease of a session is still held by `nodeId` with `token` (a fencing check). */
export async function leaseIsCurrent(sessionId: string, nodeId: string, token: number): Promise<boolean> {
  const doc = await SessionLease.findById(sessionId).lean();
  return !!doc && doc.owner === nodeId && doc.token === token;
}

/** True when a lease document names a live owner at `now`. */
export function isLive(doc: Pick<SessionLeaseDoc, 'owner' | 'expiresAt'> | null, now: number): boolean {
  return !!doc?.owner && doc.expiresAt.getTime() > now;
}

/**
 * Who serves a session now: its owner's id and gateway URL, or null while nobody holds a live
 * lease (the session is moving, or its owner's node record is gone).
 */
export async function leaseOwner(sessionId: string, now: number): Promise<{ nodeId: string; url: string } | null> {
  const doc = await SessionLease.findById(sessionId).lean();
  if (!isLive(doc, now)) return null;
  const node = await ClusterNode.findById(doc!.owner).lean();
  return node ? { nodeId: node._id, url: node.url } : null;
}

/**
 * The sessions among `sessionIds` whose lease nobody holds at `now` (never taken, released or
 * expired), the earliest expiry among the others' live leases (null when none): a lease whose
 * node died is free from then on, so the caller can look again at that moment; and the nodes
 * whose leases lapsed (expired without release: dead, frozen, or self-fenced).
 */
export async function freeSessions(
  sessionIds: string[],
  now: number,
): Promise<{ free: string[]; nextExpiry: number | null; lapsedOwners: string[] }> {
  if (sessionIds.length === 0) return { free: [], nextExpiry: null, lapsedOwners: [] };
  const owned = await SessionLease.find({ _id: { $in: sessionIds }, owner: { $ne: null } }, { _id: 1, owner: 1, expiresAt: 1 }).lean();
  const held = owned.filter((d) => new Date(d.expiresAt).getTime() > now);
  const taken = new Set(held.map((d) => d._id));
  const nextExpiry = held.reduce<number | null>((min, d) => Math.min(min ?? Infinity, new Date(d.expiresAt).getTime()), null);
  const lapsedOwners = [...new Set(owned.filter((d) => !taken.has(d._id)).map((d) => d.owner!))];
  return { free: sessionIds.filter((id) => !taken.has(id)), nextExpiry, lapsedOwners };
}
