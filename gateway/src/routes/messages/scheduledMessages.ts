import { recipientJid, writesMention, type MessageKind, type ScheduledStatus } from '@switchboard/shared';
import { dropMediaById, Message, messageObjectId, namedMentions, ScheduledMessage, type ScheduledMessageDoc } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import { announceScheduled } from '../../automation/scheduledChat.ts';
import { claimScheduled, deliverScheduled } from '../../automation/scheduledSends.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { presentScheduled } from '../../presenters/scheduledMessages.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { attachToChat, checkMedia } from './checkMedia.ts';
import { loadChat } from './loadChat.ts';
import { SCHEDULE_MAX_MS, SCHEDULED_PER_CHAT_MAX, rescheduleBody, scheduleBody, scheduledList, scheduledParams, scheduledSchema } from './scheduledSchema.ts';

const tag = 'Messages';

/** Statuses a chat's list shows: still to go, or not sent (to retry or discard). */
const LISTED: ScheduledStatus[] = ['scheduled', 'sending', 'failed'];

/** 409 for a reply that is no longer waiting (sent, being sent, cancelled), 404 for none. */
async function notWaiting(sessionId: string, chatId: string, id: string): Promise<never> {
  const doc = await ScheduledMessage.findOne({ _id: id, sessionId, chatId }, { status: 1 }).lean<Pick<ScheduledMessageDoc, 'status'>>();
  if (!doc) throw notFound('scheduled message');
  if (doc.status === 'cancelled') throw conflict('scheduled_cancelled', 'This scheduled message was cancelled');
  throw conflict('scheduled_sent', doc.status === 'sending' ? 'This scheduled message is being sent right now' : 'This scheduled message has already been sent');
}

/** The file of a reply being scheduled: one the caller may use, given to the chat, summarised. */
async function scheduledFile(auth: AuthContext, sessionId: string, chatId: string, mediaId: string, kind: MessageKind | undefined): Promise<NonNullable<ScheduledMessageDoc['file']>> {
  const media = await checkMedia(auth, sessionId, mediaId);
  await attachToChat(sessionId, mediaId, chatId);
  return { mediaId: media._id, kind: kind ?? media.kind, fileName: media.fileName ?? null, mimeType: media.mimeType, size: media.size };
}

/** 400 `invalid_send_at` unless `sendAt` is ahead of `now` and within a year. */
function checkSendAt(sendAt: number, now: number): void {
  if (sendAt <= now || sendAt > now + SCHEDULE_MAX_MS) throw badRequest('invalid_send_at', 'Choose a time in the future, within a year');
}

/**
 * *Programar envío*: a reply written now and sent later (tomorrow at 9:00, Monday morning) by
 * the session, as its author's — checked again when it goes (automation/scheduledSends.ts).
 * Whoever may answer the chat schedules, sends at once, retries or cancels its replies (the
 * chat's pending replies are the team's, like its draft); reading the chat lists them. Open
 * inboxes get `scheduled-message` on every change.
 * from: the inbox composer (*Programar*) → here → next: ScheduledMessage, then the dispatcher.
 */
export const scheduledMessageRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/scheduled', tag, summary: 'Replies scheduled in a chat (waiting, or not sent), earliest first', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams,
    response: { status: 200, description: `The chat's scheduled replies (at most ${SCHEDULED_PER_CHAT_MAX} waiting)`, schema: scheduledList },
    async handler({ auth, params }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      await loadChat(sessionId, chatId);
      const docs = await ScheduledMessage.find({ sessionId, chatId, status: { $in: LISTED } }).sort({ sendAt: 1, _id: 1 }).limit(2 * SCHEDULED_PER_CHAT_MAX).lean();
      return { data: docs.map(presentScheduled) };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/scheduled', tag, summary: 'Schedule a reply (text, or a file with its caption) for a later time', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams, body: scheduleBody, audit: 'chat.schedule', multipart: true,
    response: { status: 201, description: 'Scheduled; 400 `invalid_send_at` (past, or more than a year ahead), `too_many_scheduled`, `unknown_media`, `unknown_quoted`', schema: scheduledSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      checkSendAt(body.sendAt, deps.now().getTime());
      await loadChat(sessionId, chatId);
      if ((await ScheduledMessage.countDocuments({ sessionId, chatId, status: 'scheduled' })) >= SCHEDULED_PER_CHAT_MAX) {
        throw badRequest('too_many_scheduled', `This conversation already has ${SCHEDULED_PER_CHAT_MAX} scheduled messages: send or cancel some first`);
      }
      if (body.quotedId && !(await Message.exists({ _id: messageObjectId(sessionId, body.quotedId), chatId }))) throw badRequest('unknown_quoted', 'The message to answer is not in this conversation');
      const file = body.mediaId ? await scheduledFile(auth!, sessionId, chatId, body.mediaId, body.kind) : null;
      const mentions = await namedMentions(sessionId, chatId, body.mentions);
      const doc = await ScheduledMessage.create({ sessionId, chatId, text: body.text ?? '', file, quotedId: body.quotedId ?? null, ...(mentions ? { mentions } : {}), sendAt: new Date(body.sendAt), authorId: auth!.user._id, authorName: auth!.user.name });
      const view = presentScheduled(doc.toObject());
      await announceScheduled(deps.realtime?.emitToChat, view);
      // Never the text in the audit log.
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, scheduledId: view.id, sendAt: body.sendAt, ...(file ? { kind: file.kind } : {}) } });
      return view;
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/scheduled/:scheduledId', tag, summary: 'Change the text or the time of a reply still waiting', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: scheduledParams, body: rescheduleBody, audit: 'chat.schedule_edit',
    response: { status: 200, description: 'Changed; 400 `invalid_send_at`; 409 `scheduled_sent` / `scheduled_cancelled` when it no longer waits', schema: scheduledSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId, scheduledId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      if (body.sendAt !== undefined) checkSendAt(body.sendAt, deps.now().getTime());
      // A new text keeps the mentions it still writes (`@digits`); those it dropped go.
      const before = body.text !== undefined ? await ScheduledMessage.findOne({ _id: scheduledId, sessionId, chatId }, { mentions: 1 }).lean<Pick<ScheduledMessageDoc, 'mentions'>>() : null;
      const mentions = before?.mentions?.length && body.text !== undefined ? { mentions: before.mentions.filter((m) => writesMention(body.text!, m.user)) } : {};
      const set = { ...(body.text !== undefined ? { text: body.text, ...mentions } : {}), ...(body.sendAt !== undefined ? { sendAt: new Date(body.sendAt) } : {}) };
      // Only while it waits: the dispatcher's claim and this change cannot both win.
      const doc =
        (await ScheduledMessage.findOneAndUpdate({ _id: scheduledId, sessionId, chatId, status: 'scheduled' }, { $set: set }, { returnDocument: 'after' }).lean<ScheduledMessageDoc>()) ??
        (await notWaiting(sessionId, chatId, scheduledId));
      const view = presentScheduled(doc);
      await announceScheduled(deps.realtime?.emitToChat, view);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, scheduledId, sendAt: view.sendAt, textChanged: body.text !== undefined } });
      return view;
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/scheduled/:scheduledId/send', tag, summary: 'Send a scheduled reply now (or try one that was not sent again)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: scheduledParams, audit: 'chat.schedule_send',
    response: { status: 200, description: 'Handed to the session as the caller\'s reply (status `sent`), or why not (`failed`); 409 `scheduled_sent` / `scheduled_cancelled`', schema: scheduledSchema },
    async handler({ deps, auth, params, audit }) {
      const { sessionId, scheduledId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      const now = deps.now().getTime();
      const doc = (await claimScheduled({ _id: scheduledId, sessionId, chatId }, now, { retry: true })) ?? (await notWaiting(sessionId, chatId, scheduledId));
      const done = await deliverScheduled({ hub: deps.hub, logger: deps.logger, emit: deps.realtime?.emitToChat }, doc, auth!.user.id, now);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, scheduledId, status: done.status, messageId: done.messageId ?? null } });
      return presentScheduled(done);
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId/chats/:chatId/scheduled/:scheduledId', tag, summary: 'Cancel a scheduled reply (or discard one that was not sent)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: scheduledParams, audit: 'chat.schedule_cancel',
    response: { status: 204, description: 'Cancelled; 409 `scheduled_sent` when it has gone (or is going) already' },
    async handler({ deps, auth, params, audit }) {
      const { sessionId, scheduledId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      const doc =
        (await ScheduledMessage.findOneAndUpdate({ _id: scheduledId, sessionId, chatId, status: { $in: ['scheduled', 'failed'] } }, { $set: { status: 'cancelled' } }, { returnDocument: 'after' }).lean<ScheduledMessageDoc>()) ??
        (await notWaiting(sessionId, chatId, scheduledId));
      await announceScheduled(deps.realtime?.emitToChat, presentScheduled(doc));
      // Its file was stored for it alone: never sent, it goes too.
      if (doc.file) await dropMediaById(doc.file.mediaId).catch((err: unknown) => deps.logger.warn({ err }, 'the file of a cancelled scheduled reply could not be deleted'));
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, scheduledId } });
      return undefined;
    },
  }),
];
