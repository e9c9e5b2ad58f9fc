/**
 * Retrying a failed send: the message goes back to the outbox it failed in. It keeps its
 * message id (WhatsApp's id, so the contact sees one message) and its clientId (the SendKey
 * still points at it); `attempts` starts again so the Outbox's retry budget applies afresh.
 * from: gateway POST …/messages/:messageId/retry → Supervisor.retry → here → next: the
 * actor's Outbox (flushOutbox) claims and sends it like any pending message.
 */
import { HUB_ERROR_CODES, hubError, type AcceptedSend } from '@switchboard/shared';
import { Message, messageObjectId } from '@switchboard/shared/node';

/**
 * Moves a `failed` outgoing message back to `pending` with one conditional write on its `_id`
 * (two concurrent retries: one wins, the other gets `not_failed`). Throws coded hub errors
 * `message_not_found`, `not_outgoing` or `not_failed`.
 */
export async function requeueFailed(sessionId: string, messageId: string): Promise<AcceptedSend> {
  const _id = messageObjectId(sessionId, messageId);
  const res = await Message.updateOne(
    { _id, sessionId, messageId, fromMe: true, status: 'failed' },
    { $set: { status: 'pending', statusReason: null, attempts: 0 } },
  );
  if (res.modifiedCount === 1) return { messageId, status: 'pending', duplicate: false };
  const current = await Message.findById(_id, { fromMe: 1, status: 1, sessionId: 1 }).lean();
  if (!current || current.sessionId !== sessionId) throw hubError(HUB_ERROR_CODES.MESSAGE_NOT_FOUND, `Message ${messageId} does not exist`);
  if (!current.fromMe) throw hubError(HUB_ERROR_CODES.NOT_OUTGOING, 'Only outgoing messages can be retried');
  throw hubError(HUB_ERROR_CODES.NOT_FAILED, `The message is ${current.status}, not failed`);
}
