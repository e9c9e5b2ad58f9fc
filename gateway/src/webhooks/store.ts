/**
 * Database steps of webhook delivery: cursors (last seq handled per webhook and session) and
 * delivery documents (queued before the first attempt, then updated per attempt). Every write
 * is one document, by `_id` (FerretDB has no transactions; DEVELOPERS.md).
 */
import {
  SessionEvent,
  WebhookCursor,
  WebhookDelivery,
  webhookCursorId,
  webhookDeliveryId,
  type WebhookDeliveryDoc,
  type WebhookDoc,
} from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import { latestSessionSeq, listAllSessionIds } from '../realtime/eventLog.ts';
import type { Emission } from './envelope.ts';
import type { AttemptResult } from './send.ts';

const DUPLICATE_KEY = 11000;
const isDuplicate = (err: unknown) => (err as { code?: number }).code === DUPLICATE_KEY;

/** Sessions a webhook covers: its own, or every session for a global one. */
export async function sessionsOf(hook: Pick<WebhookDoc, 'sessionId'>): Promise<string[]> {
  return hook.sessionId ? [hook.sessionId] : listAllSessionIds();
}

/** Puts the cursors of `sessionIds` at each session's latest seq: the webhook starts with the next event, not the history. */
export async function startCursorsAtLatest(webhookId: Types.ObjectId, sessionIds: readonly string[]): Promise<void> {
  for (const sessionId of sessionIds) {
    const seq = await latestSessionSeq(sessionId);
    await WebhookCursor.updateOne({ _id: webhookCursorId(webhookId, sessionId) }, { $set: { webhookId, sessionId, seq } }, { upsert: true });
  }
}

/**
 * The cursor of a webhook in a session. A session without one (it appeared after the webhook)
 * starts after its last event older than the webhook, so nothing from before it is sent.
 */
export async function readCursor(hook: Pick<WebhookDoc, '_id' | 'createdAt'>, sessionId: string): Promise<number> {
  const _id = webhookCursorId(hook._id, sessionId);
  const doc = await WebhookCursor.findById(_id).lean();
  if (doc) return doc.seq;
  const before = await SessionEvent.findOne({ sessionId, at: { $lt: hook.createdAt } }, { seq: 1 }).sort({ seq: -1 }).lean();
  try {
    await WebhookCursor.create({ _id, webhookId: hook._id, sessionId, seq: before?.seq ?? 0 });
    return before?.seq ?? 0;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await WebhookCursor.findById(_id).lean())?.seq ?? 0;
  }
}

/** Moves a cursor from `from` to `to`; false when someone else moved it meanwhile (a replay). */
export async function moveCursor(webhookId: Types.ObjectId, sessionId: string, from: number, to: number): Promise<boolean> {
  const res = await WebhookCursor.updateOne({ _id: webhookCursorId(webhookId, sessionId), seq: from }, { $set: { seq: to } });
  return res.matchedCount === 1;
}

/** Sets a cursor (replay). */
export async function setCursor(webhookId: Types.ObjectId, sessionId: string, seq: number): Promise<void> {
  await WebhookCursor.updateOne({ _id: webhookCursorId(webhookId, sessionId) }, { $set: { webhookId, sessionId, seq } }, { upsert: true });
}

/** Stores the delivery of an emission as pending unless it exists; returns the stored document. */
export async function queueDelivery(webhookId: Types.ObjectId, sessionId: string, seq: number, em: Emission, now: Date): Promise<WebhookDeliveryDoc> {
  const _id = webhookDeliveryId(webhookId, em.eventId);
  const existing = await WebhookDelivery.findById(_id).lean();
  if (existing) return existing;
  try {
    const doc = await WebhookDelivery.create({ _id, webhookId, sessionId, seq, eventId: em.eventId, event: em.event, body: em.body, status: 'pending', queuedAt: now });
    return doc.toObject();
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await WebhookDelivery.findById(_id).lean())!;
  }
}

/** The delivery's state after an attempt. */
export type AttemptOutcome = { status: 'delivered' } | { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** Records one attempt and its outcome; returns the updated document. */
export async function recordAttempt(id: Types.ObjectId, result: AttemptResult, outcome: AttemptOutcome, now: Date): Promise<WebhookDeliveryDoc | null> {
  return WebhookDelivery.findOneAndUpdate(
    { _id: id },
    {
      $inc: { attempts: 1 },
      $set: {
        status: outcome.status,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        latencyMs: result.latencyMs,
        lastAttemptAt: now,
        nextAttemptAt: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
        ...(outcome.status === 'delivered' ? { deliveredAt: now } : {}),
      },
    },
    { returnDocument: 'after' },
  ).lean();
}
