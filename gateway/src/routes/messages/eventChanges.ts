import { checkContent, eventFields, type EventChange } from '@switchboard/shared';
import type { MessageDoc } from '@switchboard/shared/node';
import { conflict } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import type { authorize } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { messageParams } from './chatActionSchema.ts';
import { messageChangeResponse, ownMessage } from './messageChanges.ts';

const tag = 'Messages';

/** Body of an event's change: the event as it is to be now (as a send gives it). */
export const changeEventBody = z
  .object({
    text: z.string().trim().min(1).max(256).openapi({ description: 'Its name' }),
    caption: z.string().trim().max(4096).optional().openapi({ description: 'Its description (absent: none)' }),
    event: eventFields,
  })
  // The rules of an event as sent (an end after its start).
  .superRefine((b, ctx) => checkContent({ kind: 'event', ...b }, ctx))
  .openapi('ChangeEventRequest');

/** One of our events the caller may answer in, still changeable (WhatsApp sets no time limit); throws the reason otherwise. */
async function ownEvent(auth: Parameters<typeof authorize>[0], sessionId: string, messageId: string): Promise<MessageDoc> {
  const msg = await ownMessage(auth, sessionId, messageId);
  if (msg.kind !== 'event' || !msg.event) throw conflict('not_an_event', 'Only an event can be changed this way');
  if (msg.event.canceled) throw conflict('event_canceled', 'The event was cancelled: WhatsApp allows no change after');
  return msg;
}

/**
 * Changing a WhatsApp event this account sent (an appointment moved to another day, a new place)
 * or cancelling it. WhatsApp allows it at any time until it is cancelled; the customer's phone
 * shows the new date or *Cancelado*, and their answers stay. The session's actor seals the whole
 * event with its secret and sends it, then stores and announces it (`message`, `editedAt`).
 * from: the inbox → here → next: the actor (changeEvent) → WhatsApp.
 */
export const eventChangeRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/messages/:messageId/event', tag, summary: 'Change the name, date, place or description of an event this account sent', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: messageParams, body: changeEventBody, audit: 'message.event_change',
    response: { status: 200, description: 'Changed on WhatsApp and announced (`message`, `editedAt`); 409 `not_an_event`, `event_canceled`, `not_outgoing`, `not_sent`, `message_deleted`, `not_connected`', schema: messageChangeResponse },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId, messageId } = params;
      const msg = await ownEvent(auth, sessionId, messageId);
      const change: EventChange = { type: 'edit', name: body.text, ...(body.caption ? { description: body.caption } : {}), ...body.event };
      const result = await deps.hub.call(sessionId, 'changeEvent', { chatJid: msg.chatId, messageId, change });
      Object.assign(audit, { targetType: 'Message', targetId: messageId, details: { sessionId, chatId: msg.chatId } });
      return result;
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/messages/:messageId/event/cancel', tag, summary: 'Cancel an event this account sent (the customer sees it cancelled; there is no undoing it)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: messageParams, audit: 'message.event_cancel',
    response: { status: 200, description: 'Cancelled on WhatsApp and announced (`message`, `event.canceled`, `editedAt`); 409 `not_an_event`, `event_canceled`, `not_outgoing`, `not_sent`, `message_deleted`, `not_connected`', schema: messageChangeResponse },
    async handler({ deps, auth, params, audit }) {
      const { sessionId, messageId } = params;
      const msg = await ownEvent(auth, sessionId, messageId);
      const result = await deps.hub.call(sessionId, 'changeEvent', { chatJid: msg.chatId, messageId, change: { type: 'cancel' } });
      Object.assign(audit, { targetType: 'Message', targetId: messageId, details: { sessionId, chatId: msg.chatId } });
      return result;
    },
  }),
];
