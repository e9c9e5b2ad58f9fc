import { Schema } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * Cluster mode: which node owns a session. `_id` is the sessionId, so every acquisition,
 * renewal and release is one conditional write found by its primary key. `token` is the
 * fencing token: +1 on every acquisition, carried by the owner's writes, and a write with a
 * smaller token is refused (docs/cluster.md, "Cluster mode: leases and fencing"). Expiry is a
 * field compared in code (FerretDB has no TTL indexes).
 */
export interface SessionLeaseDoc {
  /** The sessionId. */
  _id: string;
  /** The nodeId holding the lease, or null once released. */
  owner: string | null;
  /** Fencing token: incremented on every acquisition, never decreased. */
  token: number;
  expiresAt: Date;
  updatedAt: Date;
}

const sessionLeaseSchema = new Schema<SessionLeaseDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, default: null },
    token: { type: Number, required: true, default: 0 },
    expiresAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sessionleases', id: false, versionKey: false },
);
// Only `_id` lookups (acquire, renew, release, owner of a session; `$in` on `_id` for the free
// ones), so no secondary index: each would cost every renewal a write.

/** Session leases collection (`sessionleases`). */
export const SessionLease = defineModel<SessionLeaseDoc>('SessionLease', sessionLeaseSchema);
