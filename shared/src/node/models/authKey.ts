import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * One Signal key of a session (pre-key, session, sender-key, app-state-sync-key, ...), as a
 * BufferJSON-encoded JSON string. Unique per (sessionId, type, id) so writes are idempotent.
 */
export interface AuthKeyDoc {
  _id: Types.ObjectId;
  sessionId: string;
  type: string;
  id: string;
  data: string;
  updatedAt: Date;
}

const authKeySchema = new Schema<AuthKeyDoc>(
  {
    sessionId: { type: String, required: true },
    type: { type: String, required: true },
    id: { type: String, required: true },
    data: { type: String, required: true },
  },
  { timestamps: { createdAt: false, updatedAt: true }, collection: 'authkeys', id: false },
);
authKeySchema.index({ sessionId: 1, type: 1, id: 1 }, { unique: true });

/** Signal keys collection (`authkeys`). Never log `data`. */
export const AuthKey = defineModel<AuthKeyDoc>('AuthKey', authKeySchema);
