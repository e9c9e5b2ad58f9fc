/**
 * The outbox's front door: an accepted send is written first (status `pending`, message id
 * generated now), idempotently on the client id, before any actor is asked to deliver it.
 * A message accepted here is never lost (it waits in Mongo) and never duplicated (the
 * SendKey claim and the unique (sessionId, messageId) index make retries converge).
 * Both inserts are group-committed across sessions (`InsertBatcher`, issue 13): sends accepted
 * at the same moment share one SendKey write and one Message write.
 */
import { HUB_ERROR_CODES, hubError, outgoingMessageInput, type AcceptedSend, type OutgoingMessageInput, type QuotedElsewhere } from '@switchboard/shared';
import { claimSendKey, Message, messageObjectId, namedMentions, SendKey } from '@switchboard/shared/node';
import { InsertBatcher, type InsertModel } from './insertBatcher.ts';
import { newMessageId, recipientJid } from './messageId.ts';

const messages = new InsertBatcher(Message as unknown as InsertModel);
const sendKeys = new InsertBatcher(SendKey as unknown as InsertModel);

const invalid = (message: string) => hubError(HUB_ERROR_CODES.INVALID_MESSAGE, message);
/** A 24-hex ObjectId string (mongoose casts it when storing). */
const isObjectId = (s: string): boolean => /^[0-9a-f]{24}$/i.test(s);

/** Checks a send with shared's outgoing-message schema (the rules the gateway applies to REST bodies). */
function validate(input: OutgoingMessageInput): { chatId: string; mediaId: string | null } {
  const checked = outgoingMessageInput.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw invalid(issue?.code === 'custom' ? issue.message : `Invalid ${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'rejected'}`);
  }
  return { chatId: recipientJid(input.to), mediaId: input.mediaId ?? null };
}

/**
 * A private reply to a group message quotes a message of another chat: kept with the reply (the
 * group, the author, the words), so its own chat can show the quote (the gateway checked that the
 * caller may read it). Undefined for a quote of the same chat, or none.
 */
async function quotedElsewhere(sessionId: string, chatId: string, quotedId: string | undefined): Promise<QuotedElsewhere | undefined> {
  if (!quotedId) return undefined;
  const q = await Message.findById(messageObjectId(sessionId, quotedId), { chatId: 1, fromMe: 1, sender: 1, pushName: 1, kind: 1, text: 1, caption: 1 }).lean();
  if (!q || q.chatId === chatId) return undefined;
  const author = q.fromMe ? {} : { sender: q.sender ?? null, ...(q.pushName ? { senderName: q.pushName } : {}) };
  return { chatId: q.chatId, sender: null, ...author, fromMe: q.fromMe, kind: q.kind, text: q.text ?? q.caption ?? null };
}

/**
 * Stores an outgoing message as pending; returns the first result again for a repeated clientId.
 * `fence` (cluster mode): the owner's token, so an older owner's actor cannot claim the send
 * (session-actor/src/outbox/claims.ts).
 */
export async function acceptSend(sessionId: string, input: OutgoingMessageInput, now: Date, fence?: number): Promise<AcceptedSend> {
  const { chatId, mediaId } = validate(input);
  let messageId = newMessageId();
  let duplicate = false;
  if (input.clientId) {
    const claim = await claimSendKey(sessionId, input.clientId, messageId, (doc) => sendKeys.insert(doc));
    if (!claim.claimed) {
      messageId = claim.messageId;
      duplicate = true;
      const existing = await Message.findById(messageObjectId(sessionId, messageId), { status: 1 }).lean();
      if (existing) return { messageId, status: existing.status, duplicate };
      // The first attempt claimed the key but died before storing the message: finish its work.
    }
  }
  const [mentions, quotedFrom] = await Promise.all([namedMentions(sessionId, chatId, input.mentions), quotedElsewhere(sessionId, chatId, input.quotedId)]);
  const doc = {
    sessionId,
    chatId,
    messageId,
    fromMe: true,
    kind: input.kind,
    text: input.text ?? null,
    caption: input.caption ?? null,
    fileName: input.fileName ?? null,
    mediaId,
    quotedId: input.quotedId ?? null,
    reaction: input.reaction ?? null,
    location: input.location ?? null,
    status: 'pending' as const,
    timestamp: now,
    clientId: input.clientId ?? null,
    userId: input.userId && isObjectId(input.userId) ? input.userId : null,
    ...(input.automated ? { automated: true } : {}),
    ...(input.forwarded ? { forwarded: true } : {}),
    ...(input.pollMultiple ? { pollMultiple: true } : {}),
    ...(input.kind === 'event' && input.event ? { event: { startAt: new Date(input.event.startAt), ...(input.event.endAt !== undefined ? { endAt: new Date(input.event.endAt) } : {}), ...(input.event.place ? { place: input.event.place } : {}) } } : {}),
    ...(mentions ? { mentions } : {}),
    ...(quotedFrom ? { quotedFrom } : {}),
    ...(fence !== undefined ? { fence } : {}),
  };
  try {
    await messages.insert(doc);
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const existing = await Message.findById(messageObjectId(sessionId, messageId), { status: 1 }).lean();
    return { messageId, status: existing?.status ?? 'pending', duplicate: true };
  }
  return { messageId, status: 'pending', duplicate };
}
