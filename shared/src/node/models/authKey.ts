import { Schema } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * One Signal key of a session (pre-key, session, sender-key, app-state-sync-key, ...), as a
 * BufferJSON-encoded JSON string. `_id` is `<sessionId>|<type>|<id>` (see authKeyId): every
 * read and write of a key is a lookup by `_id` (several keys: `_id: { $in }`), which MongoDB
 * and the embedded FerretDB both answer from the primary key (on the embedded database a lookup
 * by the three fields would search the sessionId index, then read all ~800 keys of the session:
 * DEVELOPERS.md, "Performance of the embedded database").
 */
export interface AuthKeyDoc {
  /** `${sessionId}|${type}|${id}` (see authKeyId). */
  _id: string;
  sessionId: string;
  type: string;
  id: string;
  data: string;
  /** Cluster mode: fencing token of the last writer (session-actor/src/auth/fence.ts). */
  fence?: number;
  updatedAt: Date;
}

const authKeySchema = new Schema<AuthKeyDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    type: { type: String, required: true },
    id: { type: String, required: true },
    data: { type: String, required: true },
    fence: { type: Number },
  },
  { timestamps: { createdAt: false, updatedAt: true }, collection: 'authkeys', id: false },
);
// Clearing a session's keys (logout, delete, clean-up) selects by sessionId.
authKeySchema.index({ sessionId: 1 });
authKeySchema.pre('validate', function setId() {
  if (!this._id) this._id = authKeyId(this.sessionId, this.type, this.id);
});

/** Signal keys collection (`authkeys`). Never log `data`. */
export const AuthKey = defineModel<AuthKeyDoc>('AuthKey', authKeySchema);

/** The AuthKey `_id` of one key of a session. */
export function authKeyId(sessionId: string, type: string, id: string): string {
  return `${sessionId}|${type}|${id}`;
}
