import { Chat, Message, Session, messageObjectId, type ChatDoc, type MessageDoc } from '@switchboard/shared/node';
import type { OutgoingMessageInput } from '@switchboard/shared';
import type { QueryFilter } from 'mongoose';
import { badRequest, notFound } from '../../errors.ts';
import { allowed, authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentChat, presentMessages } from '../../presenters/messages.ts';
import { escapeRegex, listOf, listResponse, paging, sessionParams } from '../common.ts';
import { MESSAGE_WINDOWS_MS, newestFirstPage } from '../newestFirstPage.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { contactCardFields, pollFields, recipientJid } from '@switchboard/shared';
import { attachToChat, checkMedia } from './checkMedia.ts';
import { chatSchema, listChatsQuery, listMessagesQuery, messageSchema, sendBody, sendResponse } from './schema.ts';

const tag = 'Messages';

/**
 * A quoted message travels with the reply (WhatsApp shows its words), so it must be one the
 * caller may read: in the same chat, or — a private reply to a member — in a group of the
 * session. Anything else is 400 `unknown_quoted`, whether it does not exist or is not theirs.
 */
async function assertQuotable(auth: Parameters<typeof allowed>[0], sessionId: string, chatId: string, quotedId: string): Promise<void> {
  const quoted = await Message.findById(messageObjectId(sessionId, quotedId), { chatId: 1 }).lean<Pick<MessageDoc, 'chatId'>>();
  const ok = !!quoted && (quoted.chatId === chatId || quoted.chatId.endsWith('@g.us')) && allowed(auth, 'read', subjects.message(sessionId, quoted.chatId));
  if (!ok) throw badRequest('unknown_quoted', 'The message to answer is not in this conversation, nor in a group you can read');
}

/** 404 for an unknown session, once the caller is known to be allowed in it. */
async function assertSessionExists(sessionId: string): Promise<void> {
  if (!(await Session.exists({ sessionId }))) throw notFound('session');
}


/** Sending and reading messages and chats, scoped to what the caller may see. */
export const messageRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/messages', tag, summary: 'Send a message (text, media by mediaId, location, contact card, poll, event, reaction)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', rateLimit: 'send', params: sessionParams, body: sendBody, audit: 'message.send', multipart: true,
    response: { status: 202, description: 'Accepted: stored as pending and handed to the session', schema: sendResponse },
    async handler({ deps, auth, params, body, audit }) {
      const chatId = recipientJid(body.to);
      authorize(auth, 'send', subjects.message(params.sessionId, chatId));
      await assertSessionExists(params.sessionId);
      const mediaKind = body.mediaId ? (await checkMedia(auth!, params.sessionId, body.mediaId)).kind : undefined;
      if (body.quotedId) await assertQuotable(auth, params.sessionId, chatId, body.quotedId);
      const { kind, contact, poll, ...rest } = body;
      const card = kind === 'contact' ? contactCardFields({ contact, text: rest.text }) : kind === 'poll' && poll ? pollFields(poll) : {};
      const input: OutgoingMessageInput = { ...rest, ...card, to: chatId, kind: kind ?? mediaKind ?? 'text', userId: auth!.user.id };
      // A file uploaded with this request belongs to the chat it is sent to (assigned users can read it).
      if (body.mediaId) await attachToChat(params.sessionId, body.mediaId, chatId);
      const accepted = await deps.hub.send(params.sessionId, input);
      audit.targetType = 'Message';
      audit.targetId = accepted.messageId;
      audit.details = { sessionId: params.sessionId, chatId, kind: input.kind, duplicate: accepted.duplicate };
      return { ...accepted, chatId };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats', tag, summary: 'Chats of a session the caller may see', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: sessionParams, query: listChatsQuery,
    response: { status: 200, description: 'A page of chats, most recent first', schema: listOf(chatSchema) },
    async handler({ auth, params, query }) {
      authorize(auth, 'read', subjects.session(params.sessionId));
      await assertSessionExists(params.sessionId);
      const filter: QueryFilter<ChatDoc> = { $and: [scope(auth!, 'read', 'Chat'), { sessionId: params.sessionId }] };
      if (query.type !== 'all') filter.isGroup = query.type === 'group';
      if (query.q) filter.$or = [{ name: { $regex: escapeRegex(query.q), $options: 'i' } }, { customName: { $regex: escapeRegex(query.q), $options: 'i' } }];
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([Chat.find(filter).sort({ lastMessageAt: -1 }).skip(skip).limit(limit).lean(), Chat.countDocuments(filter)]);
      return listResponse(docs.map(presentChat), total, query);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/messages', tag, summary: 'Messages of one chat, newest first', auth: 'user', permission: ['read', 'Message'],
    record: 'Message', params: sessionParams, query: listMessagesQuery,
    response: { status: 200, description: 'A page of messages', schema: listOf(messageSchema) },
    async handler({ auth, params, query }) {
      const chatId = recipientJid(query.chatId);
      authorize(auth, 'read', subjects.message(params.sessionId, chatId));
      await assertSessionExists(params.sessionId);
      const filter: QueryFilter<MessageDoc> = { $and: [scope(auth!, 'read', 'Message'), { sessionId: params.sessionId, chatId }] };
      if (query.before || query.after) {
        filter.timestamp = { ...(query.before ? { $lt: new Date(query.before) } : {}), ...(query.after ? { $gt: new Date(query.after) } : {}) };
      }
      const { skip, limit } = paging(query);
      // Newest first from recent windows, except `after` pages (catching up from the other end).
      const read = newestFirstPage(Message, filter, {
        sort: { timestamp: -1, createdAt: -1 }, skip, limit, projection: { sentProto: 0 },
        until: query.before ?? Date.now(), windowsMs: query.after ? [] : MESSAGE_WINDOWS_MS,
      });
      const [docs, total] = await Promise.all([read, query.total === 'false' ? -1 : Message.countDocuments(filter)]);
      return listResponse(await presentMessages(docs), total, query);
    },
  }),
];
