/**
 * Webhook actions outside the ordered flow of a lane: a single attempt of a stored delivery
 * (manual redelivery, ping), and a replay (a lane's deliveries from a seq are queued again and
 * its cursor moved back). The dispatcher runs these inside the lane's queue; `directControl`
 * runs them as they come, for an app without a dispatcher (tests of the routes alone).
 */
import { randomUUID } from 'node:crypto';
import { WebhookDelivery, type WebhookDeliveryDoc, type WebhookDoc } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import type { WebhookEnvelope } from './envelope.ts';
import { postWebhook, type AttemptResult } from './send.ts';
import { webhookHeaders } from './signature.ts';
import { recordAttempt, setCursor } from './store.ts';

/** What the routes ask of webhook delivery (the dispatcher, or `directControl`). */
export interface WebhookControl {
  /** A webhook was created, changed or deleted: refresh and wake the lanes. */
  changed(): void;
  /** Sends a session's events from `fromSeq` on again, in order. */
  replay(webhookId: Types.ObjectId, sessionId: string, fromSeq: number): Promise<void>;
  /** Sends a stored delivery again (same event id): a pending one now, a finished one once. */
  redeliver(hook: WebhookDoc, delivery: WebhookDeliveryDoc): Promise<void>;
  /** Sends a `ping` event now and returns its delivery after the attempt. */
  ping(hook: WebhookDoc): Promise<WebhookDeliveryDoc>;
}

/** How attempts are made. */
export interface AttemptDeps {
  allowPrivate: boolean;
  timeoutMs: number;
  now: () => number;
  signal?: AbortSignal;
}

/** One signed POST of a stored delivery with the webhook's current secret. */
export function attemptDelivery(hook: Pick<WebhookDoc, 'url' | 'secret'>, d: Pick<WebhookDeliveryDoc, 'body' | 'event' | 'eventId'>, deps: AttemptDeps): Promise<AttemptResult> {
  const timestamp = Math.floor(deps.now() / 1000);
  const headers = webhookHeaders(hook.secret, d.body, { event: d.event, eventId: d.eventId, timestamp });
  return postWebhook(hook.url, d.body, headers, {
    allowPrivate: deps.allowPrivate,
    timeoutMs: deps.timeoutMs,
    now: deps.now,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
}

/** One attempt, recorded as delivered or failed (no retries: manual redelivery and ping). */
export async function attemptOnce(hook: WebhookDoc, d: WebhookDeliveryDoc, deps: AttemptDeps): Promise<WebhookDeliveryDoc> {
  const result = await attemptDelivery(hook, d, deps);
  const updated = await recordAttempt(d._id, result, { status: result.ok ? 'delivered' : 'failed' }, new Date(deps.now()));
  return updated ?? d;
}

/** Stores a `ping` delivery (pending) for a webhook. */
export async function queuePing(hook: WebhookDoc, now: Date): Promise<WebhookDeliveryDoc> {
  const eventId = `ping:${randomUUID()}`;
  const envelope: WebhookEnvelope = { id: eventId, event: 'ping', sessionId: hook.sessionId, seq: 0, at: now.toISOString(), data: { webhookId: hook._id.toString(), name: hook.name } };
  const doc = await WebhookDelivery.create({ webhookId: hook._id, sessionId: hook.sessionId ?? '*', seq: 0, eventId, event: 'ping', body: JSON.stringify(envelope), status: 'pending', queuedAt: now });
  return doc.toObject();
}

/**
 * Moves a lane's cursor to `fromSeq − 1`; its deliveries from there on are removed, so the
 * lane queues each event afresh (same event ids) as it walks the log again. Resetting them in
 * place instead would leave pending forever those the webhook no longer subscribes to. A
 * replay from a later seq than the lane's pending head skips that head: it is marked failed
 * (it would otherwise stay pending for ever, counted in the queue depth).
 */
export async function replayLane(webhookId: Types.ObjectId, sessionId: string, fromSeq: number): Promise<void> {
  await WebhookDelivery.deleteMany({ webhookId, sessionId, seq: { $gte: fromSeq } });
  await WebhookDelivery.updateMany(
    { webhookId, sessionId, status: 'pending', seq: { $gt: 0, $lt: fromSeq } },
    { $set: { status: 'failed', lastError: `skipped: the webhook was replayed from seq ${fromSeq}`, nextAttemptAt: null } },
  );
  await setCursor(webhookId, sessionId, fromSeq - 1);
}

/** Makes a pending delivery due now (its lane sends it on its next run). */
export async function dueNow(d: WebhookDeliveryDoc, now: Date): Promise<void> {
  await WebhookDelivery.updateOne({ _id: d._id, status: 'pending' }, { $set: { nextAttemptAt: now } });
}

/**
 * Control without a dispatcher: actions run at once; a finished delivery sent again is
 * attempted in the background. Lanes are not woken (there are none in this process).
 */
export function directControl(opts: { allowPrivate: boolean; timeoutMs?: number; now?: () => number }): WebhookControl {
  const deps: AttemptDeps = { allowPrivate: opts.allowPrivate, timeoutMs: opts.timeoutMs ?? 10_000, now: opts.now ?? Date.now };
  return {
    changed() {},
    replay: (webhookId, sessionId, fromSeq) => replayLane(webhookId, sessionId, fromSeq),
    async redeliver(hook, d) {
      if (d.status === 'pending') return dueNow(d, new Date(deps.now()));
      void attemptOnce(hook, d, deps).catch(() => undefined);
    },
    async ping(hook) {
      return attemptOnce(hook, await queuePing(hook, new Date(deps.now())), deps);
    },
  };
}
