/**
 * Answers that come before their message: a vote, an answer to an event or an event's change
 * naming a poll or event not stored yet (its delivery was retried, say, while the others' answers
 * came through). Dropping them would lose a vote for good; they are kept (`ParkedAnswer`: the
 * key and the sealed content, never logged) and applied in arrival order as soon as the message
 * they name is stored (ingest.ts). A session keeps at most MAX_PARKED, each for KEEP_MS: an answer
 * to a message this session never gets (older than its history) is forgotten then.
 */
import { BufferJSON, proto, type WAMessage } from '@whiskeysockets/baileys';
import { ParkedAnswer } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { answerOf, applyAnswerNow, inAnswerQueue, type Answer, type AnswerDeps } from './answers.ts';
import { asBytes } from './sentContent.ts';

/** How long an answer waits for its message. */
export const KEEP_MS = 14 * 86_400_000;
/** The most answers a session keeps waiting (a flood of answers to nothing is not kept). */
export const MAX_PARKED = 1000;

/** Keeps an answer whose message is not stored (yet). */
export async function parkAnswer({ msg, targetId }: Pick<Answer, 'msg' | 'targetId'>, sessionId: string, logger: Logger, now = Date.now()): Promise<void> {
  const messageId = msg.key.id;
  if (!messageId || !msg.message || !targetId) return;
  await ParkedAnswer.deleteMany({ sessionId, parkedAt: { $lt: new Date(now - KEEP_MS) } });
  if ((await ParkedAnswer.countDocuments({ sessionId })) >= MAX_PARKED) {
    logger.warn({ messageId: targetId }, 'too many answers wait for their message: this one is dropped');
    return;
  }
  const parked = {
    targetId,
    key: JSON.stringify(msg.key, BufferJSON.replacer),
    message: Buffer.from(proto.Message.encode(msg.message).finish()),
    messageTimestamp: Number(msg.messageTimestamp ?? 0),
    parkedAt: new Date(now),
  };
  // A replay of the same answer keeps the first.
  await ParkedAnswer.updateOne({ sessionId, messageId }, { $setOnInsert: parked }, { upsert: true });
  logger.debug({ messageId: targetId }, 'answer waits for its message');
}

/**
 * Applies the answers waiting for messages just stored (polls and events), then forgets them.
 * Each message's are read and applied in that message's answer queue (inAnswerQueue), after any
 * answer still deciding whether to wait: none is parked once its message's drain has run.
 */
export async function applyParked(stored: readonly { messageId: string; kind: string }[], deps: AnswerDeps): Promise<void> {
  const ids = stored.filter((m) => m.kind === 'poll' || m.kind === 'event').map((m) => m.messageId);
  for (const targetId of ids) await inAnswerQueue(deps.sessionId, targetId, () => drain(targetId, deps));
}

async function drain(targetId: string, deps: AnswerDeps): Promise<void> {
  const waiting = await ParkedAnswer.find({ sessionId: deps.sessionId, targetId }).sort({ messageTimestamp: 1, _id: 1 }).lean();
  for (const p of waiting) {
    const msg: WAMessage = { key: JSON.parse(p.key, BufferJSON.reviver) as WAMessage['key'], message: proto.Message.decode(asBytes(p.message as Uint8Array | { buffer: Uint8Array })), messageTimestamp: p.messageTimestamp };
    const answer = answerOf(msg);
    if (answer) await applyAnswerNow(answer, deps);
    else deps.logger.warn({ messageId: p.targetId }, 'a waiting answer could not be read: dropped');
    await ParkedAnswer.deleteOne({ _id: p._id });
  }
}
