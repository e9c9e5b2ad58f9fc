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
import { wantsEvent, type Emission } from './envelope.ts';
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

/**
 * Records one attempt and its outcome; returns the updated document. `onlyIfPending`: a
 * delivery settled meanwhile (settleSkipped, by a change of its webhook) is left as it is and
 * null is returned.
 */
export async function recordAttempt(id: Types.ObjectId, result: AttemptResult, outcome: AttemptOutcome, now: Date, onlyIfPending = false): Promise<WebhookDeliveryDoc | null> {
  return WebhookDelivery.findOneAndUpdate(
    { _id: id, ...(onlyIfPending ? { status: 'pending' as const } : {}) },
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

/** Why a pending delivery will never be sent by its lane, or null when the lane still will. */
function skipReason(hook: Pick<WebhookDoc, 'sessionId' | 'events'>, d: Pick<WebhookDeliveryDoc, 'sessionId' | 'seq' | 'event'>, cursor: number | undefined): string | null {
  if (hook.sessionId !== null && d.sessionId !== hook.sessionId) return `skipped: the webhook no longer receives the events of ${d.sessionId}`;
  if (!wantsEvent(hook.events, d.event)) return `skipped: the webhook no longer subscribes to ${d.event}`;
  if (cursor !== undefined && cursor >= d.seq) return `skipped: the webhook was replayed from seq ${cursor + 1}`;
  return null;
}

/**
 * Marks `failed` the pending deliveries of a webhook its lanes will never send: of a session
 * it no longer covers, of an event it no longer subscribes to, or behind its cursor (a replay
 * from a later seq). Without this they would stay pending for ever, counted in the queue
 * depth. Run by the PUT route and by each lane when it first sees a webhook's new
 * `updatedAt` (a run that started before the change may leave one behind); pings (seq 0) are
 * left alone.
 */
export async function settleSkipped(hook: Pick<WebhookDoc, '_id' | 'sessionId' | 'events'>): Promise<number> {
  const pending = await WebhookDelivery.find({ webhookId: hook._id, status: 'pending', seq: { $gt: 0 } }, { sessionId: 1, seq: 1, event: 1 }).lean();
  if (!pending.length) return 0;
  const sessions = [...new Set(pending.map((d) => d.sessionId))];
  const cursors = await WebhookCursor.find({ _id: { $in: sessions.map((s) => webhookCursorId(hook._id, s)) } }, { sessionId: 1, seq: 1 }).lean();
  const cursorOf = new Map(cursors.map((c) => [c.sessionId, c.seq]));
  let settled = 0;
  for (const d of pending) {
    const reason = skipReason(hook, d, cursorOf.get(d.sessionId));
    if (!reason) continue;
    const res = await WebhookDelivery.updateOne({ _id: d._id, status: 'pending' }, { $set: { status: 'failed', lastError: reason, nextAttemptAt: null } });
    settled += res.modifiedCount;
  }
  return settled;
}
