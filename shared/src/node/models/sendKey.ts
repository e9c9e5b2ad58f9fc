import { Schema } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * Idempotency record of an API send: `_id` is `<sessionId>:<clientId>` and maps to the
 * message id created for it. A separate collection because FerretDB 1.24 rejects
 * `partialFilterExpression` and ignores `sparse`, so "unique (sessionId, clientId) when
 * clientId is set" cannot be an index on `messages` that behaves the same on both servers.
 */
export interface SendKeyDoc {
  /** `${sessionId}:${clientId}` (see sendKeyId). */
  _id: string;
  sessionId: string;
  messageId: string;
  createdAt: Date;
}

const sendKeySchema = new Schema<SendKeyDoc>(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    messageId: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'sendkeys' },
);
sendKeySchema.index({ sessionId: 1, createdAt: 1 });

/** Send idempotency keys collection (`sendkeys`). */
export const SendKey = defineModel<SendKeyDoc>('SendKey', sendKeySchema);

/** The SendKey `_id` for a client id of a session. */
export function sendKeyId(sessionId: string, clientId: string): string {
  return `${sessionId}:${clientId}`;
}

/** Result of claimSendKey: either this call owns the client id, or an earlier send did. */
export type SendKeyClaim = { claimed: true } | { claimed: false; messageId: string };

/**
 * Claims `clientId` for `messageId` in a session. When an earlier send already claimed it,
 * returns that send's message id instead (so the API can answer with the first result).
 * `insert` writes the key document (default one `create`; the supervisor groups inserts).
 */
export async function claimSendKey(
  sessionId: string,
  clientId: string,
  messageId: string,
  insert: (doc: { _id: string; sessionId: string; messageId: string }) => Promise<unknown> = (doc) => SendKey.create(doc),
): Promise<SendKeyClaim> {
  const _id = sendKeyId(sessionId, clientId);
  try {
    await insert({ _id, sessionId, messageId });
    return { claimed: true };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const existing = await SendKey.findById(_id).lean();
    if (!existing) throw err;
    return { claimed: false, messageId: existing.messageId };
  }
}
