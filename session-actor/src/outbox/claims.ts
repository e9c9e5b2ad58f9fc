import { Message, driverCollection, findByIds, messageObjectId, touched, type MessageDoc } from '@switchboard/shared/node';
import { fenceFilter } from '../auth/fence.ts';

/** What a claim needs of a pending message: its key and the attempts the outbox read. */
export type Claimable = Pick<MessageDoc, '_id' | 'attempts'>;

const attemptsOf = (m: Claimable): number => m.attempts ?? 0;

/**
 * Cluster mode: the claimer's fencing token. A claim (or anything else the outbox writes to a
 * pending message) matches only messages whose `fence` is not newer, and sets it; the owner
 * raises the fence of every pending message when it starts (`fencePending`), and the hub
 * stamps new sends with its token, so an older owner still running claims nothing.
 */
export type ClaimFence = number | undefined;

/** Filter and update parts of a fenced write (empty without a token: single-node mode). */
export function fenceParts(fence: ClaimFence): { filter: Record<string, unknown>; update: Record<string, unknown> } {
  return fence === undefined ? { filter: {}, update: {} } : { filter: fenceFilter(fence), update: { $set: { fence } } };
}

/**
 * Raises the fence of every pending send of the session to `fence` (one request, when the
 * actor starts in cluster mode): from then on an older owner's claims miss them all.
 */
export async function fencePending(sessionId: string, fence: number): Promise<void> {
  await Message.updateMany({ sessionId, status: 'pending', fromMe: true, ...fenceFilter(fence) }, { $set: { fence } });
}

/**
 * Claims pending messages for sending (issue 13: one request for a batch instead of one per
 * message). Each claim is its own conditional update, `{ _id, status: 'pending', attempts }` →
 * `$inc attempts` (and the fence, in cluster mode), so a message read by two actors is claimed
 * by one; they travel in one unordered `bulkWrite`. When not all matched (another actor claimed
 * some, a retry reset them), which are ours is read back: still pending with exactly one more
 * attempt. Resolves with the claimed messages, in the order given.
 */
export async function claimAll<T extends Claimable>(msgs: T[], fence?: ClaimFence): Promise<T[]> {
  if (msgs.length === 0) return [];
  const f = fenceParts(fence);
  const at = new Date();
  const res = await driverCollection(Message).bulkWrite(
    msgs.map((m) => ({ updateOne: { filter: { _id: m._id, status: 'pending', attempts: attemptsOf(m), ...f.filter }, update: touched({ $inc: { attempts: 1 }, ...f.update }, at) } })),
    { ordered: false },
  );
  if (res.modifiedCount === msgs.length) return msgs;
  if (res.modifiedCount === 0) return [];
  const now = await findByIds<MessageDoc, Pick<MessageDoc, 'status' | 'attempts' | 'fence'>>(Message, msgs.map((m) => m._id), { status: 1, attempts: 1, fence: 1 });
  return msgs.filter((m, i) => now[i]?.status === 'pending' && now[i]?.attempts === attemptsOf(m) + 1 && now[i]?.fence === fence);
}

/**
 * Gives back claims of messages that were not sent after all (the socket closed before their
 * turn), so a connection that drops mid-batch does not count towards `maxClaims`. Best effort:
 * each is conditioned on the claim being the last change.
 */
export async function releaseClaims(msgs: Claimable[], fence?: ClaimFence): Promise<void> {
  if (msgs.length === 0) return;
  const f = fenceParts(fence);
  const at = new Date();
  await driverCollection(Message).bulkWrite(
    msgs.map((m) => ({ updateOne: { filter: { _id: m._id, status: 'pending', attempts: attemptsOf(m) + 1, ...f.filter }, update: touched({ $inc: { attempts: -1 } }, at) } })),
    { ordered: false },
  ).catch(() => undefined);
}

/**
 * Claims one message just accepted (a hint from the hub) by its key, reading it in the same
 * request: `{ _id, status: 'pending', fromMe: true, attempts: 0 }` → `$inc attempts` (a new or
 * retried send has 0 attempts). Resolves with the message as it was before the claim, `done`
 * when it is not pending any more (already sent or failed), or `unclear` when it is pending but
 * not claimable this way (claimed before, by this or another actor, or fenced by a newer
 * owner): a scan decides then.
 */
export async function claimByKey(sessionId: string, messageId: string, fence?: ClaimFence): Promise<MessageDoc | 'done' | 'unclear'> {
  const _id = messageObjectId(sessionId, messageId);
  const f = fenceParts(fence);
  const doc = await driverCollection(Message).findOneAndUpdate({ _id, status: 'pending', fromMe: true, attempts: 0, ...f.filter }, touched({ $inc: { attempts: 1 }, ...f.update }), { returnDocument: 'before' });
  if (doc) return doc as unknown as MessageDoc;
  const now = await Message.findById(_id, { status: 1, fromMe: 1 }).lean();
  return now && now.fromMe && now.status === 'pending' ? 'unclear' : 'done';
}
