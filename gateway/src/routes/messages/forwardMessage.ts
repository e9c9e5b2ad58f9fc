/**
 * Forwarding: a message of one chat sent again, as a copy WhatsApp marks *Reenviado*, to up to
 * five chats of the same account. Each copy is a send like any other (the outbox: stored
 * `pending`, exactly once per client key, retried, its status announced) carrying `forwarded`;
 * a file is not copied: each copy gets its own Media document (so the target chat's people may
 * read it) over the original's bytes, which stay until the last document using them is deleted.
 * from: the inbox's *Reenviar* → here → next: hub.send → the actor (buildContent marks it).
 */
import { forwardProblem, recipientJid, type OutgoingMessageInput } from '@switchboard/shared';
import { Chat, Media, type MediaDoc, type MessageDoc } from '@switchboard/shared/node';
import { copyMediaTo } from './mediaCopy.ts';
import type { AuthContext } from '../../auth/authContext.ts';
import { conflict, notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { messageParams } from './chatActionSchema.ts';
import { forwardBody, forwardResponse } from './forwardSchema.ts';
import { loadReadableMessage } from './loadChat.ts';

const tag = 'Messages';

/** What each refusal says. */
const WHY: Record<NonNullable<ReturnType<typeof forwardProblem>>, (kind: string) => string> = {
  message_deleted: () => 'The message was deleted for everyone: there is nothing to forward',
  not_forwardable: (kind) => `A ${kind} cannot be forwarded`,
  media_unavailable: () => 'The file of this message is not stored (yet): it cannot be forwarded',
};

/** The message to forward, once the caller may read its chat; 409 with the reason it cannot go. */
async function forwardable(auth: AuthContext, sessionId: string, messageId: string): Promise<MessageDoc> {
  const msg = await loadReadableMessage(auth, sessionId, messageId, { sentProto: 0 });
  const problem = forwardProblem(msg);
  if (problem) throw conflict(problem, WHY[problem](msg.kind));
  return msg;
}

/** The chats to forward to: existing chats of the session the caller may write in. */
async function targets(auth: AuthContext, sessionId: string, to: readonly string[]): Promise<string[]> {
  const jids = [...new Set(to.map(recipientJid))];
  for (const jid of jids) authorize(auth, 'send', subjects.message(sessionId, jid));
  const known = new Set((await Chat.find({ sessionId, jid: { $in: jids } }, { jid: 1 }).lean()).map((c) => c.jid));
  const missing = jids.find((jid) => !known.has(jid));
  if (missing) throw notFound(`chat ${missing}`);
  return jids;
}

/** What a copy of `msg` sends: its content without the quote, marked forwarded. */
function copyOf(msg: MessageDoc): Omit<OutgoingMessageInput, 'to'> {
  const l = msg.location;
  return {
    kind: msg.kind,
    forwarded: true,
    ...(msg.text ? { text: msg.text } : {}),
    ...(msg.caption ? { caption: msg.caption } : {}),
    ...(l ? { location: { latitude: l.latitude, longitude: l.longitude, ...(l.name ? { name: l.name } : {}), ...(l.address ? { address: l.address } : {}) } } : {}),
  };
}

/** A Media document for the copy in `chatId`, over the original's bytes; null without a file. */
async function mediaCopy(msg: MessageDoc, chatId: string, userId: string): Promise<string | null> {
  if (!msg.mediaId) return null;
  const original = await Media.findById(msg.mediaId).lean();
  if (!original) throw conflict('media_unavailable', 'The file of this message is no longer stored: it cannot be forwarded');
  return String((await copyMediaTo(original as MediaDoc, chatId, userId))._id);
}

/** POST /api/sessions/:sessionId/messages/:messageId/forward */
export const forwardRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/messages/:messageId/forward', tag, summary: 'Forward a message to up to five chats of the same session', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', rateLimit: 'send', params: messageParams, body: forwardBody, audit: 'message.forward',
    response: {
      status: 202,
      description: 'Each copy stored as pending and handed to the session, marked forwarded; 404 for a chat that does not exist; 409 `message_deleted`, `not_forwardable` (a reaction, a poll), `media_unavailable` (its file is not stored)',
      schema: forwardResponse,
    },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId, messageId } = params;
      const msg = await forwardable(auth!, sessionId, messageId);
      const chats = await targets(auth!, sessionId, body.to);
      const content = copyOf(msg);
      const forwarded = [];
      for (const chatId of chats) {
        const mediaId = await mediaCopy(msg, chatId, auth!.user.id);
        const clientId = body.clientId ? `${body.clientId}:${chatId}` : undefined;
        const accepted = await deps.hub.send(sessionId, { ...content, to: chatId, userId: auth!.user.id, ...(mediaId ? { mediaId } : {}), ...(clientId ? { clientId } : {}) }).catch(async (err: unknown) => {
          // Not accepted: no record is left pointing at the bytes for nothing.
          if (mediaId) await Media.deleteOne({ _id: mediaId });
          throw err;
        });
        // A repeated request: the first one's copy is the one sent.
        if (accepted.duplicate && mediaId) await Media.deleteOne({ _id: mediaId });
        forwarded.push({ ...accepted, chatId });
      }
      Object.assign(audit, { targetType: 'Message', targetId: messageId, details: { sessionId, chatId: msg.chatId, to: chats, kind: msg.kind } });
      return { forwarded };
    },
  }),
];
