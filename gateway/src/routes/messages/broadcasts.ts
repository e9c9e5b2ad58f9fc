import { recipientJid } from '@switchboard/shared';
import { Chat, ScheduledMessage, dropMediaById, type ScheduledMessageDoc } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { announceScheduled } from '../../automation/scheduledChat.ts';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../../errors.ts';
import { allowed, authorize, subjects } from '../../policies/subjects.ts';
import { presentScheduled } from '../../presenters/scheduledMessages.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { sessionParams } from '../common.ts';
import { broadcastBody, broadcastCancelled, broadcastParams, broadcastSchema } from './broadcastSchema.ts';
import { checkMedia } from './checkMedia.ts';
import { copyMediaToEach } from './mediaCopy.ts';
import { SCHEDULE_MAX_MS, SCHEDULED_PER_CHAT_MAX } from './scheduledSchema.ts';

const tag = 'Messages';


/** A conversation left out of a message to several, and why. */
interface Refusal {
  chatId: string;
  error: AppError;
}

/**
 * Which of `chatIds` (JIDs of one session) the caller may not get a scheduled reply into:
 * those they may not write in, those the session does not have, those whose contact opted out
 * ("BAJA": chatOptOut.ts), those already holding SCHEDULED_PER_CHAT_MAX waiting replies. Two
 * queries for all of them.
 */
async function refusals(auth: AuthContext | undefined, sessionId: string, chatIds: string[]): Promise<Refusal[]> {
  const mayWrite = new Set(chatIds.filter((chatId) => allowed(auth, 'send', subjects.message(sessionId, chatId))));
  const [known, waiting] = await Promise.all([
    Chat.find({ sessionId, jid: { $in: [...mayWrite] } }, { jid: 1, optedOut: 1 }).lean(),
    ScheduledMessage.find({ sessionId, chatId: { $in: [...mayWrite] }, status: 'scheduled' }, { chatId: 1 }).lean(),
  ]);
  const exists = new Set(known.map((c) => c.jid));
  const optedOut = new Set(known.filter((c) => c.optedOut).map((c) => c.jid));
  const count = new Map<string, number>();
  for (const w of waiting) count.set(w.chatId, (count.get(w.chatId) ?? 0) + 1);
  const out: Refusal[] = [];
  for (const chatId of chatIds) {
    if (!mayWrite.has(chatId)) out.push({ chatId, error: forbidden('forbidden', 'You may not write in this conversation') });
    else if (!exists.has(chatId)) out.push({ chatId, error: notFound('chat') });
    else if (optedOut.has(chatId)) out.push({ chatId, error: conflict('opted_out', 'This contact gets no messages sent to several conversations (they asked, or the team said so)') });
    else if ((count.get(chatId) ?? 0) >= SCHEDULED_PER_CHAT_MAX) out.push({ chatId, error: badRequest('too_many_scheduled', `This conversation already has ${SCHEDULED_PER_CHAT_MAX} scheduled messages`) });
  }
  return out;
}

/** The replies of a batch the caller may read; 404 when the session has no such batch, 403 when none is theirs to see. */
async function batchOf(auth: AuthContext | undefined, sessionId: string, batchId: string): Promise<ScheduledMessageDoc[]> {
  const docs = await ScheduledMessage.find({ sessionId, batchId }).sort({ sendAt: 1, _id: 1 }).lean<ScheduledMessageDoc[]>();
  if (docs.length === 0) {
    authorize(auth, 'read', subjects.session(sessionId));
    throw notFound('message to several conversations');
  }
  const mine = docs.filter((d) => allowed(auth, 'read', subjects.message(sessionId, d.chatId)));
  if (mine.length === 0) throw forbidden();
  return mine;
}

/**
 * One message to several conversations of a session (*Enviar a varias conversaciones* in the
 * inbox's selection): a scheduled reply per chat under one `batchId`, the first at once and
 * each next one `everySeconds` later, so WhatsApp sees a person's pace, not a burst. The
 * dispatcher sends them like any scheduled reply (durable, exactly once, as their author's,
 * checked again when each goes); each chat's consoles see its reply waiting and going
 * (`scheduled-message`). A chat the caller may not write in, unknown, opted out, or full is left out and
 * said so; nothing is scheduled only when every one is refused. A batch made while another
 * still goes out from the account starts after it. The rest of a batch can be stopped in one
 * call. A file goes with every send (the words its caption), stored once: each conversation gets
 * its own Media document over the same bytes.
 * from: the inbox's BulkBar (BroadcastDialog) → here → next: ScheduledMessage, the dispatcher.
 */
export const broadcastRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/broadcasts', tag, summary: 'Send a message to several conversations, one after another at a steady pace', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: sessionParams, body: broadcastBody, audit: 'chat.broadcast',
    response: { status: 201, description: 'Scheduled, with the conversations left out in `refused`; when every one is refused, the first refusal (403 `forbidden`, 404 `not_found`, 409 `opted_out`, 400 `too_many_scheduled`); 400 `invalid_start_at` for a start in the past or over a year ahead, `unknown_media` for a file the session does not have', schema: broadcastSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      const now = deps.now().getTime();
      if (body.startAt !== undefined && (body.startAt <= now || body.startAt > now + SCHEDULE_MAX_MS)) throw badRequest('invalid_start_at', 'Choose a start in the future, within a year');
      const items = body.messages.map((m) => ({ chatId: recipientJid(m.chatId), text: m.text }));
      const refused = await refusals(auth, sessionId, items.map((m) => m.chatId));
      const left = new Set(refused.map((r) => r.chatId));
      const going = items.filter((m) => !left.has(m.chatId));
      if (going.length === 0) throw refused[0]!.error;
      // The file, checked once (the caller's upload, or one they may read, of this session).
      const media = body.file ? await checkMedia(auth!, sessionId, body.file.mediaId) : null;
      const batchId = new Types.ObjectId().toString();
      // At `startAt`, or a second ahead: the first goes at the dispatcher's next look. While another message to
      // several still goes out from this account, this one waits its turn, so two of them
      // never double the pace WhatsApp sees.
      const queued = await ScheduledMessage.findOne({ sessionId, batchId: { $ne: null }, status: 'scheduled' }, { sendAt: 1 }).sort({ sendAt: -1 }).lean();
      const start = Math.max(body.startAt ?? now + 1000, queued ? queued.sendAt.getTime() + body.everySeconds * 1000 : 0);
      // Each conversation gets its own Media document over the one stored file (its people may read it).
      const files = media ? await copyMediaToEach(media, going.map((m) => m.chatId), auth!.user.id) : [];
      const fileOf = (i: number) => (media ? { mediaId: files[i]!._id, kind: body.file?.kind ?? media.kind, fileName: media.fileName ?? null, mimeType: media.mimeType, size: media.size } : null);
      const docs = await ScheduledMessage.insertMany(
        going.map((m, i) => ({ sessionId, chatId: m.chatId, text: m.text, file: fileOf(i), sendAt: new Date(start + i * body.everySeconds * 1000), authorId: auth!.user._id, authorName: auth!.user.name, batchId })),
      ).catch(async (err: unknown) => {
        for (const f of files) await dropMediaById(f._id);
        throw err;
      });
      // The upload itself, given to no chat, goes (its bytes stay with the copies).
      if (media && !media.chatId) await dropMediaById(media._id);
      const views = docs.map((d) => presentScheduled(d.toObject() as ScheduledMessageDoc));
      for (const v of views) await announceScheduled(deps.realtime?.emitToChat, v);
      // Never the words in the audit log.
      Object.assign(audit, { targetType: 'Session', targetId: sessionId, details: { batchId, chats: views.length, refused: refused.length, everySeconds: body.everySeconds, lastAt: views.at(-1)!.sendAt, ...(media ? { kind: body.file?.kind ?? media.kind } : {}) } });
      return { batchId, data: views, refused: refused.map((r) => ({ chatId: r.chatId, code: r.error.code, message: r.error.message })) };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/broadcasts/:batchId', tag, summary: 'A message to several conversations: each one’s reply and where it is', auth: 'user', permission: ['read', 'Message'],
    record: 'Message', params: broadcastParams,
    response: { status: 200, description: 'The batch’s replies in the conversations the caller may read (sent, waiting, not sent, cancelled), in sending order', schema: broadcastSchema },
    async handler({ auth, params }) {
      const { sessionId, batchId } = params;
      return { batchId, data: (await batchOf(auth, sessionId, batchId)).map(presentScheduled), refused: [] };
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId/broadcasts/:batchId', tag, summary: 'Stop the sends of a message to several conversations that have not gone yet', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: broadcastParams, audit: 'chat.broadcast_cancel',
    response: { status: 200, description: 'How many waiting sends were cancelled (those already gone, or going, stay); 404 for no such batch', schema: broadcastCancelled },
    async handler({ deps, auth, params, audit }) {
      const { sessionId, batchId } = params;
      // 404 for a batch that never was; one whose sends have all gone cancels nothing; 403 when
      // sends still wait but none in a chat the caller may write in.
      const waiting = (await batchOf(auth, sessionId, batchId)).filter((d) => d.status === 'scheduled');
      const mine = waiting.filter((d) => allowed(auth, 'send', subjects.message(sessionId, d.chatId)));
      if (waiting.length > 0 && mine.length === 0) throw forbidden();
      let cancelled = 0;
      for (const d of mine) {
        // Only while it waits: the dispatcher's claim and this cancellation cannot both win.
        const doc = await ScheduledMessage.findOneAndUpdate({ _id: d._id, status: 'scheduled' }, { $set: { status: 'cancelled' } }, { returnDocument: 'after' }).lean<ScheduledMessageDoc>();
        if (!doc) continue;
        cancelled += 1;
        // Its file was stored for it alone: never sent, it goes too (the bytes stay while others use them).
        if (doc.file) await dropMediaById(doc.file.mediaId).catch((err: unknown) => deps.logger.warn({ err }, 'the file of a stopped send could not be deleted'));
        await announceScheduled(deps.realtime?.emitToChat, presentScheduled(doc));
      }
      Object.assign(audit, { targetType: 'Session', targetId: sessionId, details: { batchId, cancelled } });
      return { cancelled };
    },
  }),
];
