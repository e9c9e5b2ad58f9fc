import { HUB_ERROR_CODES, RPC_ERROR_CODES, RpcError, recipientJid, type MessageStatus } from '@switchboard/shared';
import { Chat, Message, markChatHandled } from '@switchboard/shared/node';
import { conflict, notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { okSchema } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { loadChat, loadOwnMessage } from './loadChat.ts';
import { chatParams, markHandledResponse, markReadResponse, markUnreadResponse, messageParams, presenceBody, retryResponse } from './chatActionSchema.ts';

const tag = 'Messages';

/** Most incoming messages one mark-read sends receipts for (the newest unread ones). */
const MARK_READ_BATCH = 100;

/** Statuses of an incoming message nobody has read yet. */
const UNREAD: MessageStatus[] = ['pending', 'sent', 'delivered'];

/** Hub failures meaning "no actor can answer now" (as opposed to a refusal by the actor). */
const UNAVAILABLE = new Set<string>([RPC_ERROR_CODES.NOT_RUNNING, RPC_ERROR_CODES.ACTOR_EXITED, RPC_ERROR_CODES.TIMEOUT, HUB_ERROR_CODES.HUB_CLOSED, 'actor_failed_start']);

/**
 * Asks the session's actor (which writes and announces the change in order with its
 * messages); when no actor can answer now, `offline` writes the database alone.
 */
async function actorOr<T>(ask: () => Promise<T>, offline: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    if (!(err instanceof RpcError) || !UNAVAILABLE.has(err.code)) throw err;
    return offline();
  }
}

/**
 * What an agent does in an open chat: mark it read (or unread, to come back to it), say it needs
 * no reply, show typing, retry a failed send.
 * from: the inbox → here → next: the session actor through the hub (markRead, presence,
 * flushOutbox), which talks to WhatsApp and announces the outcome over Socket.IO.
 */
export const chatActionRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/read', tag, summary: 'Mark a chat read: read receipts for its unread messages, unread count 0', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams, audit: 'chat.read',
    response: { status: 200, description: 'Marked read (`sentReceipts` false when the session is not running)', schema: markReadResponse },
    async handler({ deps, auth, params, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      const chat = await loadChat(sessionId, chatId);
      const unread = await Message.find({ sessionId, chatId, fromMe: false, status: { $in: UNREAD } }, { messageId: 1 })
        .sort({ timestamp: -1 })
        .limit(MARK_READ_BATCH)
        .lean();
      const messageIds = unread.map((m) => m.messageId);
      const { sentReceipts } = await actorOr(
        () => deps.hub.call(sessionId, 'markRead', { chatJid: chatId, messageIds }),
        async () => {
          await Chat.updateOne({ _id: chat._id }, { $set: { unreadCount: 0 } });
          return { sentReceipts: false };
        },
      );
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, messages: messageIds.length, sentReceipts } });
      return { ok: true as const, sentReceipts };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/unread', tag, summary: 'Mark a chat unread for the team (nothing is sent to WhatsApp): unread count at least 1', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams, audit: 'chat.unread',
    response: { status: 200, description: 'Marked unread, announced to every console with `chat-update`', schema: markUnreadResponse },
    async handler({ deps, auth, params, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      const chat = await loadChat(sessionId, chatId);
      const { unreadCount } = await actorOr(
        () => deps.hub.call(sessionId, 'markUnread', { chatJid: chatId }),
        async () => ({ unreadCount: (await Chat.findOneAndUpdate({ _id: chat._id }, { $max: { unreadCount: 1 } }, { returnDocument: 'after' }).lean())?.unreadCount ?? null }),
      );
      if (unreadCount === null) throw notFound('chat');
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId } });
      return { ok: true as const, unreadCount };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/handled', tag, summary: 'Mark a chat as needing no reply (nothing is sent): it needs one again when the customer writes', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams, audit: 'chat.handled',
    response: { status: 200, description: 'Marked, announced to every console with `chat-update` (`handledAt`); the chat leaves the needs-reply filter and badges', schema: markHandledResponse },
    async handler({ deps, auth, params, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      // Whoever may answer the chat may decide it needs no answer.
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      await loadChat(sessionId, chatId);
      const { handledAt } = await actorOr(
        () => deps.hub.call(sessionId, 'markHandled', { chatJid: chatId }),
        async () => ({ handledAt: (await markChatHandled(sessionId, chatId, new Date()))?.handledAt?.getTime() ?? null }),
      );
      if (handledAt === null) throw notFound('chat');
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId } });
      return { ok: true as const, handledAt };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/presence', tag, summary: 'Show the contact that the agent is typing, recording or stopped', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams, body: presenceBody, audit: 'chat.presence', unaudited: true,
    response: { status: 200, description: 'Sent to WhatsApp (409 `not_connected` / `actor_not_running` when the session is down)', schema: okSchema },
    async handler({ deps, auth, params, body }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      await loadChat(sessionId, chatId);
      await deps.hub.call(sessionId, 'presence', { state: body.state, chatJid: chatId });
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/messages/:messageId/retry', tag, summary: 'Send a failed outgoing message again (same id and clientId)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: messageParams, audit: 'message.retry',
    response: { status: 202, description: 'Pending again and handed to the session; 409 `not_failed` / `not_outgoing`', schema: retryResponse },
    async handler({ deps, auth, params, audit }) {
      const { sessionId, messageId } = params;
      const msg = await loadOwnMessage(auth, sessionId, messageId, 'Only outgoing messages can be retried');
      if (msg.status !== 'failed') throw conflict('not_failed', `The message is ${msg.status}, not failed`);
      const accepted = await deps.hub.retry(sessionId, messageId);
      Object.assign(audit, { targetType: 'Message', targetId: messageId, details: { sessionId, chatId: msg.chatId } });
      return { ...accepted, chatId: msg.chatId };
    },
  }),
];
