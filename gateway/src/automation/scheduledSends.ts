/**
 * *Programar envío*: replies written now and sent later. Every few seconds each node looks for
 * the scheduled replies that are due, claims each one (status `sending`, an atomic update: one
 * node, one attempt) and hands it to the session's outbox like any reply — under its author's
 * name, checked again at that moment (a colleague who may no longer write in the chat sends
 * nothing: `author_cannot_send`). From: the inbox (POST …/scheduled) → ScheduledMessage → here →
 * next: hub.send (the outbox) and the `scheduled-message` socket event.
 *
 * Exactly once: the send's client key is `scheduled:<id>`, accepted once per session by the
 * outbox (SendKey); a claim older than a minute (the node died between the claim and the
 * outbox) is taken again, and the repeat is a duplicate. Nothing is lost: a passing failure (the
 * database, a node shutting down) puts it back to wait for the next look, up to five times; a
 * session that is not connected stores it as pending, sent when the session is back.
 */
import { HUB_ERROR_CODES, RpcError, type MessageKind, type SessionHub } from '@switchboard/shared';
import { ScheduledMessage, type ScheduledMessageDoc } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import { loadAuthContext } from '../auth/loadAuthContext.ts';
import type { ChatEmitter } from '../deps.ts';
import { subjects } from '../policies/subjects.ts';
import { presentScheduled } from '../presenters/scheduledMessages.ts';
import { announceScheduled } from './scheduledChat.ts';

/** A claim older than this is taken again. */
export const CLAIM_STALE_MS = 60_000;
/** Passing failures before a reply is given up as `send_failed`. */
export const MAX_ATTEMPTS = 5;
/** Due replies handled per look. */
const BATCH = 50;

/** The client key of a scheduled reply's send. */
export const scheduledClientId = (id: Types.ObjectId | string) => `scheduled:${String(id)}`;

/** Errors that will not pass by trying again. */
const PERMANENT: Record<string, string> = {
  [HUB_ERROR_CODES.SESSION_NOT_FOUND]: 'session_not_found',
  [HUB_ERROR_CODES.INVALID_RECIPIENT]: 'send_failed',
  [HUB_ERROR_CODES.INVALID_MESSAGE]: 'send_failed',
};

/** What sending needs. */
export interface ScheduledSendDeps {
  hub: Pick<SessionHub, 'send'>;
  logger: Logger;
  /** Tells the chat's consoles (`scheduled-message`, `chat-scheduled`). */
  emit?: ChatEmitter | undefined;
}

/**
 * Claims one scheduled reply for an attempt (waiting, or claimed long ago; with `retry`, one that
 * failed too, its attempts counted afresh), or null when it is not there to claim (sent,
 * cancelled, claimed by another node just now). `filter` narrows it (the dispatcher adds "due").
 */
export function claimScheduled(filter: Record<string, unknown>, now: number, opts: { retry?: boolean } = {}): Promise<ScheduledMessageDoc | null> {
  const claimable: Record<string, unknown>[] = [{ status: 'scheduled' }, { status: 'sending', claimedAt: { $lt: new Date(now - CLAIM_STALE_MS) } }];
  if (opts.retry) claimable.push({ status: 'failed' });
  return ScheduledMessage.findOneAndUpdate(
    { ...filter, $or: claimable },
    { $set: { status: 'sending', claimedAt: new Date(now), ...(opts.retry ? { attempts: 0, error: null } : {}) } },
    { returnDocument: 'after' },
  ).lean<ScheduledMessageDoc>();
}

/** Ends an attempt of a claimed reply (only if the claim is still this one's). */
async function settle(deps: ScheduledSendDeps, doc: ScheduledMessageDoc, set: Partial<ScheduledMessageDoc>): Promise<ScheduledMessageDoc> {
  const after = await ScheduledMessage.findOneAndUpdate({ _id: doc._id, status: 'sending', claimedAt: doc.claimedAt }, { $set: { ...set, claimedAt: null } }, { returnDocument: 'after' }).lean<ScheduledMessageDoc>();
  const final = after ?? { ...doc, ...set };
  await announceScheduled(deps.emit, presentScheduled(final));
  return final;
}

/**
 * Hands a claimed reply to the session's outbox as `senderId`'s (its author at its time; whoever
 * pressed *Enviar ahora* otherwise) and records the outcome: `sent`, `failed` with a code, or
 * waiting again after a passing failure.
 */
export async function deliverScheduled(deps: ScheduledSendDeps, doc: ScheduledMessageDoc, senderId: string, now: number): Promise<ScheduledMessageDoc> {
  try {
    const content = doc.file
      ? { kind: doc.file.kind as MessageKind, mediaId: doc.file.mediaId.toString(), ...(doc.text ? { caption: doc.text } : {}), ...(doc.file.fileName ? { fileName: doc.file.fileName } : {}) }
      : { kind: 'text' as const, text: doc.text };
    const mentions = doc.mentions?.length ? { mentions: doc.mentions.map((m) => m.jid) } : {};
    const accepted = await deps.hub.send(doc.sessionId, { to: doc.chatId, ...content, ...(doc.quotedId ? { quotedId: doc.quotedId } : {}), ...mentions, clientId: scheduledClientId(doc._id), userId: senderId });
    return await settle(deps, doc, { status: 'sent', messageId: accepted.messageId, sentAt: new Date(now) });
  } catch (err) {
    const code = err instanceof RpcError ? PERMANENT[err.code] : undefined;
    const attempts = doc.attempts + 1;
    deps.logger.warn({ err, sessionId: doc.sessionId, scheduledId: String(doc._id), attempts }, 'scheduled reply not handed over');
    if (code || attempts >= MAX_ATTEMPTS) return settle(deps, doc, { status: 'failed', error: code ?? 'send_failed', attempts });
    return settle(deps, doc, { status: 'scheduled', attempts });
  }
}

/** True when the author is still active and may still write in the chat. */
async function authorMaySend(doc: ScheduledMessageDoc): Promise<boolean> {
  const ctx = await loadAuthContext(String(doc.authorId));
  return !!ctx && ctx.ability.can('send', subjects.message(doc.sessionId, doc.chatId));
}

/** Options of startScheduledSends. */
export interface ScheduledSendOptions extends ScheduledSendDeps {
  now?: () => number;
  /** How often due replies are looked for (ms); 0: never by itself (tests call `runDue`). */
  intervalMs?: number;
}

/** The running dispatcher. */
export interface ScheduledSender {
  /** Sends what is due now; how many replies it handed over. */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts looking for due scheduled replies (see the module comment). */
export function startScheduledSends(opts: ScheduledSendOptions): ScheduledSender {
  const now = opts.now ?? Date.now;
  const intervalMs = opts.intervalMs ?? 5_000;
  let running: Promise<number> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const sendDue = async (): Promise<number> => {
    const at = now();
    const due = await ScheduledMessage.find(
      { $or: [{ status: 'scheduled', sendAt: { $lte: new Date(at) } }, { status: 'sending', claimedAt: { $lt: new Date(at - CLAIM_STALE_MS) } }] },
      { _id: 1 },
    )
      .sort({ sendAt: 1 })
      .limit(BATCH)
      .lean();
    let sent = 0;
    for (const { _id } of due) {
      if (stopped) break;
      const doc = await claimScheduled({ _id, sendAt: { $lte: new Date(at) } }, at);
      if (!doc) continue;
      if (!(await authorMaySend(doc))) {
        await settle(opts, doc, { status: 'failed', error: 'author_cannot_send' });
        continue;
      }
      if ((await deliverScheduled(opts, doc, String(doc.authorId), at)).status === 'sent') sent++;
    }
    return sent;
  };

  // One look at a time; a look asked for while one runs joins it.
  const runDue = (): Promise<number> => {
    running ??= sendDue().finally(() => {
      running = null;
    });
    return running;
  };

  const loop = () => {
    if (stopped) return;
    runDue()
      .catch((err: unknown) => opts.logger.warn({ err }, 'scheduled replies: look failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  if (intervalMs > 0) timer = setTimeout(loop, intervalMs);

  return {
    runDue,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => 0);
    },
  };
}
