import { Schema, type Types } from 'mongoose';
import type { Logger } from 'pino';
import { defineModel } from './defineModel.ts';
import { Message } from './message.ts';

/**
 * A message marked *Destacado* (the team's mark, kept on the message as `starredAt` /
 * `starredBy`), listed once more here under the message's own `_id` so the team's *Mensajes
 * destacados* across every chat reads a small collection by the time of marking instead of
 * searching every stored message (an index on `messages` would cost every incoming message a
 * write for a mark few messages carry). Written with the mark, removed with it
 * (routes/messages/messageStars.ts); a message no longer stored is left out when listed.
 */
export interface StarredMessageDoc {
  /** The message's `_id` (messageObjectId). */
  _id: Types.ObjectId;
  sessionId: string;
  chatId: string;
  messageId: string;
  starredAt: Date;
  starredBy: Types.ObjectId;
}

const starredMessageSchema = new Schema<StarredMessageDoc>(
  {
    sessionId: { type: String, required: true },
    chatId: { type: String, required: true },
    messageId: { type: String, required: true },
    starredAt: { type: Date, required: true },
    starredBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { versionKey: false },
);
// The latest marks first.
starredMessageSchema.index({ starredAt: -1 });

/** Marked messages (`starredmessages`). */
export const StarredMessage = defineModel<StarredMessageDoc>('StarredMessage', starredMessageSchema);

/** The marker of listing the marks made before this collection existed, in `migrations`. */
const MARKER = 'starred-messages-1';

/**
 * Lists the messages marked before StarredMessage existed (once: a marker makes later starts
 * skip it without reading `messages`). Safe to repeat or interrupt: each is an upsert.
 */
export async function migrateStarredMessages(logger: Logger): Promise<{ listed: number; skipped: boolean }> {
  const migrations = Message.db.collection<{ _id: string; at: Date }>('migrations');
  if (await migrations.findOne({ _id: MARKER })) return { listed: 0, skipped: true };
  let listed = 0;
  const marked = Message.collection.find({ starredAt: { $type: 'date' } }, { projection: { _id: 1, sessionId: 1, chatId: 1, messageId: 1, starredAt: 1, starredBy: 1 } });
  for await (const m of marked) {
    if (!m.starredBy) continue;
    await StarredMessage.collection.updateOne({ _id: m._id }, { $set: { sessionId: m.sessionId, chatId: m.chatId, messageId: m.messageId, starredAt: m.starredAt, starredBy: m.starredBy } }, { upsert: true });
    listed += 1;
  }
  await migrations.updateOne({ _id: MARKER }, { $set: { at: new Date() } }, { upsert: true });
  if (listed) logger.child({ module: 'migration', migration: MARKER }).info({ listed }, 'marked messages listed');
  return { listed, skipped: false };
}
