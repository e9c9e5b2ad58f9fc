import { Message, messageObjectId, type MessageDoc } from '@switchboard/shared/node';

/** What a claim needs of a pending message: its key and the attempts the outbox read. */
export type Claimable = Pick<MessageDoc, '_id' | 'attempts'>;

const attemptsOf = (m: Claimable): number => m.attempts ?? 0;

/**
 * Claims pending messages for sending (issue 13: one request for a batch instead of one per
 * message). Each claim is its own conditional update, `{ _id, status: 'pending', attempts }` →
 * `$inc attempts`, so a message read by two actors is claimed by one (and a fencing condition can
 * join the filter); they travel in one unordered `bulkWrite`. When not all matched (another
 * actor claimed some, a retry reset them), which are ours is read back: still pending with
 * exactly one more attempt. Resolves with the claimed messages, in the order given.
 */
export async function claimAll<T extends Claimable>(msgs: T[]): Promise<T[]> {
  if (msgs.length === 0) return [];
  const res = await Message.bulkWrite(
    msgs.map((m) => ({ updateOne: { filter: { _id: m._id, status: 'pending', attempts: attemptsOf(m) }, update: { $inc: { attempts: 1 } } } })),
    { ordered: false },
  );
  if (res.modifiedCount === msgs.length) return msgs;
  if (res.modifiedCount === 0) return [];
  const now = await Promise.all(msgs.map((m) => Message.findById(m._id, { status: 1, attempts: 1 }).lean()));
  return msgs.filter((m, i) => now[i]?.status === 'pending' && now[i]?.attempts === attemptsOf(m) + 1);
}

/**
 * Gives back claims of messages that were not sent after all (the socket closed before their
 * turn), so a connection that drops mid-batch does not count towards `maxClaims`. Best effort:
 * each is conditioned on the claim being the last change.
 */
export async function releaseClaims(msgs: Claimable[]): Promise<void> {
  if (msgs.length === 0) return;
  await Message.bulkWrite(
    msgs.map((m) => ({ updateOne: { filter: { _id: m._id, status: 'pending', attempts: attemptsOf(m) + 1 }, update: { $inc: { attempts: -1 } } } })),
    { ordered: false },
  ).catch(() => undefined);
}

/**
 * Claims one message just accepted (a hint from the hub) by its key, reading it in the same
 * request: `{ _id, status: 'pending', fromMe: true, attempts: 0 }` → `$inc attempts` (a new or
 * retried send has 0 attempts). Resolves with the message as it was before the claim, `done`
 * when it is not pending any more (already sent or failed), or `unclear` when it is pending but
 * not claimable this way (claimed before, by this or another actor): a scan decides then.
 */
export async function claimByKey(sessionId: string, messageId: string): Promise<MessageDoc | 'done' | 'unclear'> {
  const _id = messageObjectId(sessionId, messageId);
  const doc = await Message.findOneAndUpdate({ _id, status: 'pending', fromMe: true, attempts: 0 }, { $inc: { attempts: 1 } }, { returnDocument: 'before' }).lean();
  if (doc) return doc as MessageDoc;
  const now = await Message.findById(_id, { status: 1, fromMe: 1 }).lean();
  return now && now.fromMe && now.status === 'pending' ? 'unclear' : 'done';
}
