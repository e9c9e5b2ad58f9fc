import { MESSAGE_EDIT_WINDOW_MS, MESSAGE_REVOKE_WINDOW_MS, isOnWhatsApp } from '@switchboard/shared';
import type { MessageDoc } from '@switchboard/shared/node';
import { conflict } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import type { authorize } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { messageParams } from './chatActionSchema.ts';
import { loadOwnMessage } from './loadChat.ts';

const tag = 'Messages';

/** Answer of an edit or a deletion (MessageChangeResult). */
export const messageChangeResponse = z
  .object({ ok: z.literal(true), at: z.number().int().openapi({ description: 'When WhatsApp was told (ms since epoch)' }) })
  .openapi('MessageChangeResult');

/** Body of an edit: the new text (what a text message may hold). */
export const editMessageBody = z.object({ text: z.string().trim().min(1).max(4096) }).openapi('EditMessageRequest');

/**
 * One of our messages the caller may answer in, still changeable (within `window` of sending,
 * when WhatsApp sets one); throws the reason otherwise.
 */
export async function ownMessage(auth: Parameters<typeof authorize>[0], sessionId: string, messageId: string, window?: { ms: number; tooLate: string }): Promise<MessageDoc> {
  const msg = await loadOwnMessage(auth, sessionId, messageId, 'Only messages sent from this account can be changed');
  if (msg.revokedAt) throw conflict('message_deleted', 'The message was already deleted for everyone');
  // An edit or deletion of a message still pending (or failed) would reach nothing.
  if (!isOnWhatsApp(msg.status)) throw conflict('not_sent', `The message is ${msg.status}: only a message WhatsApp has can be changed`);
  if (window && Date.now() - new Date(msg.timestamp).getTime() > window.ms) {
    throw conflict(window.tooLate, `WhatsApp allows this only within ${window.ms >= 3600_000 ? `${window.ms / 3600_000} hours` : `${window.ms / 60_000} minutes`} of sending`);
  }
  return msg;
}

/**
 * Correcting what was sent: edit the text of one of our messages (WhatsApp allows 15 minutes)
 * or delete it for everyone (about two days). The session's actor tells WhatsApp, then stores
 * the change and announces the message again (`message` with `editedAt` / `revokedAt`).
 * from: the inbox → here → next: the actor (editMessage / revokeMessage) → WhatsApp.
 */
export const messageChangeRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/messages/:messageId', tag, summary: 'Edit the text of a sent message (within 15 minutes of sending, as WhatsApp allows)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: messageParams, body: editMessageBody, audit: 'message.edit',
    response: { status: 200, description: 'Edited on WhatsApp and announced (`message`, `editedAt`); 409 `edit_window_closed`, `not_editable` (not a text), `not_outgoing`, `not_sent`, `message_deleted`, `not_connected`', schema: messageChangeResponse },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId, messageId } = params;
      const msg = await ownMessage(auth, sessionId, messageId, { ms: MESSAGE_EDIT_WINDOW_MS, tooLate: 'edit_window_closed' });
      if (msg.kind !== 'text') throw conflict('not_editable', 'Only text messages can be edited');
      const result = await deps.hub.call(sessionId, 'editMessage', { chatJid: msg.chatId, messageId, text: body.text });
      Object.assign(audit, { targetType: 'Message', targetId: messageId, details: { sessionId, chatId: msg.chatId } });
      return result;
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId/messages/:messageId', tag, summary: 'Delete a sent message for everyone (within two days of sending, as WhatsApp allows)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: messageParams, audit: 'message.revoke',
    response: { status: 200, description: 'Deleted on WhatsApp and announced (`message`, `revokedAt`; its text, caption and file are gone); 409 `delete_window_closed`, `not_outgoing`, `not_sent`, `message_deleted`, `not_connected`', schema: messageChangeResponse },
    async handler({ deps, auth, params, audit }) {
      const { sessionId, messageId } = params;
      const msg = await ownMessage(auth, sessionId, messageId, { ms: MESSAGE_REVOKE_WINDOW_MS, tooLate: 'delete_window_closed' });
      const result = await deps.hub.call(sessionId, 'revokeMessage', { chatJid: msg.chatId, messageId });
      Object.assign(audit, { targetType: 'Message', targetId: messageId, details: { sessionId, chatId: msg.chatId, kind: msg.kind } });
      return result;
    },
  }),
];
