import { createHash } from 'node:crypto';
import { Schema, Types } from 'mongoose';
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

/**
 * The `_id` of a session's event `seq` (events stored before 2026-12-05 have random ones): the
 * event log finds the events stored after its last mirrored seq by `_id`, which the embedded
 * database answers from its primary key where any other filter scans the whole collection.
 */
export function sessionEventId(sessionId: string, seq: number): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${sessionId}|event|${seq}`).digest().subarray(0, 12));
}
