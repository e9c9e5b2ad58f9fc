import type { Logger } from 'pino';
import { AuthKey, authKeyId } from './authKey.ts';
import { Message, messageObjectId } from './message.ts';

/** The marker of this migration, in the `migrations` collection. */
const MARKER = 'derived-ids-1';
/** Suffix that takes a message's old copy out of the unique (sessionId, messageId) index. */
const MOVING = '#moving-to-derived-id';

/** What migrateToDerivedIds rewrote. */
export interface DerivedIdsMigration {
  authKeys: number;
  messages: number;
  /** True when an earlier run had already finished it (nothing was read). */
  skipped: boolean;
}

/**
 * Gives documents stored before AuthKey and Message `_id`s were derived from their keys (see
 * authKeyId, messageObjectId) their derived `_id`, so a pairing and its messages made with an
 * older build keep working. Runs at node start-up before any actor; a marker makes later starts
 * skip it without reading the collections. Safe to interrupt: every step can be repeated.
 * A message's old copy is renamed out of the unique index before its new copy is inserted and
 * deleted only after, so a crash at any point leaves the message stored.
 */
export async function migrateToDerivedIds(logger: Logger): Promise<DerivedIdsMigration> {
  const migrations = AuthKey.db.collection<{ _id: string; at: Date }>('migrations');
  if (await migrations.findOne({ _id: MARKER })) return { authKeys: 0, messages: 0, skipped: true };
  const log = logger.child({ module: 'migration', migration: MARKER });

  let authKeys = 0;
  for await (const doc of AuthKey.collection.find({ _id: { $type: 'objectId' } as never })) {
    const _id = authKeyId(doc.sessionId, doc.type, doc.id);
    await AuthKey.collection.replaceOne({ _id: _id as never }, { ...doc, _id } as never, { upsert: true });
    await AuthKey.collection.deleteOne({ _id: doc._id });
    authKeys += 1;
  }

  let messages = 0;
  for await (const doc of Message.collection.find({}, { projection: { _id: 1, sessionId: 1, messageId: 1 } })) {
    const messageId = String(doc.messageId).endsWith(MOVING) ? String(doc.messageId).slice(0, -MOVING.length) : String(doc.messageId);
    const derived = messageObjectId(doc.sessionId, messageId);
    if (derived.equals(doc._id)) continue;
    const full = await Message.collection.findOne({ _id: doc._id });
    if (!full) continue;
    if (!(await Message.collection.findOne({ _id: derived }))) {
      if (full.messageId === messageId) await Message.collection.updateOne({ _id: doc._id }, { $set: { messageId: `${messageId}${MOVING}` } });
      await Message.collection.insertOne({ ...full, _id: derived, messageId });
    }
    await Message.collection.deleteOne({ _id: doc._id });
    messages += 1;
  }

  await migrations.updateOne({ _id: MARKER }, { $set: { at: new Date() } }, { upsert: true });
  if (authKeys || messages) log.info({ authKeys, messages }, 'documents moved to derived ids');
  return { authKeys, messages, skipped: false };
}
