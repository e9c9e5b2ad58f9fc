import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * A session's Baileys credentials (`creds`), one document per session. `data` is the JSON
 * string produced with Baileys' BufferJSON replacer, so Buffers survive the round trip.
 */
export interface AuthStateDoc {
  _id: Types.ObjectId;
  sessionId: string;
  data: string;
  /** Cluster mode: fencing token of the last writer (session-actor/src/auth/fence.ts). */
  fence?: number;
  createdAt: Date;
  updatedAt: Date;
}

const authStateSchema = new Schema<AuthStateDoc>(
  {
    sessionId: { type: String, required: true },
    data: { type: String, required: true },
    fence: { type: Number },
  },
  { timestamps: true, collection: 'authstates' },
);
authStateSchema.index({ sessionId: 1 }, { unique: true });

/** Auth credentials collection (`authstates`). Never log `data`. */
export const AuthState = defineModel<AuthStateDoc>('AuthState', authStateSchema);
