import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * Durable log of the events of a session, numbered by `seq` (see nextEventSeq). The realtime
 * layer replays `seq > lastSeen` to reconnecting sockets.
 */
export interface SessionEventDoc {
  _id: Types.ObjectId;
  sessionId: string;
  seq: number;
  /** ActorEvent type, e.g. 'message', 'connection-state'. */
  type: string;
  payload: unknown;
  at: Date;
}

const sessionEventSchema = new Schema<SessionEventDoc>(
  {
    sessionId: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'sessionevents', minimize: false },
);
sessionEventSchema.index({ sessionId: 1, seq: 1 }, { unique: true });
sessionEventSchema.index({ at: 1 });

/** Session event log collection (`sessionevents`). */
export const SessionEvent = defineModel<SessionEventDoc>('SessionEvent', sessionEventSchema);
