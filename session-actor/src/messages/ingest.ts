import { isLidUser, isJidStatusBroadcast, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import type { ActorEvent, MessageMediaView } from '@switchboard/shared';
import { Media, Message, deleteMedia, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import { storeIncomingMedia } from '../media/storeIncomingMedia.ts';
import { applyStatus } from './applyStatus.ts';
import type { ChatStore } from './chats.ts';
import { earlyStatuses } from './earlyStatus.ts';
import { chatIdentityOf, senderOf } from './jid.ts';
import { isReplayed } from './inbox.ts';
import { mapContent, type MediaInfo } from './mapContent.ts';
import type { SessionMetrics } from './sessionMetrics.ts';
import { previewOf, toView } from './view.ts';

/** What the ingest pipeline needs from the actor. */
export interface IngestDeps {
  sessionId: string;
  logger: Logger;
  chats: ChatStore;
  metrics: SessionMetrics;
  /** Media summaries for the MessageViews of events. */
  media: MediaSummaries;
  emit(event: ActorEvent): void;
  sock(): WASocket | null;
  dispatcher?: Dispatcher;
  /** Called once per newly stored incoming message (heartbeat counters). */
  onStored?(fromMe: boolean): void;
  /** Where media that could not be downloaded now waits for another try (MediaRetries). */
  mediaRetries?: { add(msg: WAMessage, info: MediaInfo, chatId: string, err: unknown): Promise<void> };
}

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

async function pnForLid(sock: WASocket | null, jid: string | null | undefined): Promise<string | null> {
  if (!sock || !jid || !isLidUser(jid)) return null;
  try {
    return await sock.signalRepository.lidMapping.getPNForLID(jid);
  } catch {
    return null;
  }
}

/**
 * Stores one message from `messages.upsert`, idempotently on (sessionId, messageId): a message
 * seen before (a redelivery, or our own outbox send echoed back) is skipped. Media is
 * downloaded into GridFS first so the `message` event already carries its mediaId.
 */
export async function ingestMessage(msg: WAMessage, _type: 'notify' | 'append', deps: IngestDeps): Promise<boolean> {
  const { sessionId } = deps;
  const key = msg.key;
  const messageId = key?.id;
  if (!messageId || !key.remoteJid || isJidStatusBroadcast(key.remoteJid)) return false;
  const mapped = mapContent(msg.message);
  if (!mapped) return false;
  const sock = deps.sock();
  const identity = chatIdentityOf(key, key.remoteJidAlt ? null : await pnForLid(sock, key.remoteJid));
  if (!identity) return false;
  if (isReplayed(msg)) {
    // Read whole in one request: if it is stored already, it is announced again.
    const stored = await Message.findById(messageObjectId(sessionId, messageId)).lean();
    if (stored) return announceAgain(stored, deps);
  } else if (await Message.exists({ _id: messageObjectId(sessionId, messageId) })) return false;

  const fromMe = !!key.fromMe;
  let mediaId: string | null = null;
  let media: MessageMediaView | undefined;
  let mediaStatus: 'pending' | null = null;
  if (mapped.media) {
    try {
      if (!sock) throw new Error('not connected');
      const stored = await storeIncomingMedia(msg, mapped.media, {
        sessionId, chatId: identity.chatId, messageId, logger: deps.logger, sock,
        ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
      });
      mediaId = String(stored._id);
      media = deps.media.remember(stored);
    } catch (err) {
      deps.logger.warn({ err, messageId }, 'media download failed');
      await deps.metrics.error(`media download failed: ${(err as Error).message}`).catch(() => undefined);
      // Kept (media key included) before the message is stored, and tried again later (issue 14).
      if (deps.mediaRetries) {
        await deps.mediaRetries.add(msg, mapped.media, identity.chatId, err);
        mediaStatus = 'pending';
      }
    }
  }
  const ts = Number(msg.messageTimestamp ?? 0);
  const doc: Omit<MessageDoc, '_id' | 'createdAt' | 'updatedAt'> = {
    sessionId,
    chatId: identity.chatId,
    messageId,
    fromMe,
    sender: fromMe ? null : (senderOf(key, identity) ?? null),
    pushName: fromMe ? null : (msg.pushName ?? null),
    kind: mapped.kind,
    text: mapped.text ?? null,
    caption: mapped.caption ?? null,
    mediaId: (mediaId as never) ?? null,
    mediaStatus,
    quotedId: mapped.quotedId ?? null,
    reaction: mapped.reaction ?? null,
    location: mapped.location ?? null,
    status: fromMe ? 'sent' : 'delivered',
    timestamp: ts > 0 ? new Date(ts * 1000) : new Date(),
    attempts: 0,
  };
  try {
    await Message.create(doc);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    if (mediaId) await dropMedia(mediaId);
    return false;
  }
  // A reaction answers nothing and asks for nothing: it does not move the needs-reply times.
  const replyTime = doc.kind === 'reaction' ? {} : fromMe ? { outboundAt: doc.timestamp } : { inboundAt: doc.timestamp };
  const chat = await deps.chats.upsert(identity, {
    name: !fromMe && !identity.isGroup ? msg.pushName : undefined,
    lastMessageAt: doc.timestamp,
    preview: previewOf(doc),
    // 'append' upserts are messages queued while offline: still unread (history sync comes apart).
    unread: !fromMe,
    ...replyTime,
  });
  // A group is named from its metadata once: when first seen, or again after a failed try.
  const groupName = identity.isGroup && sock && (chat.created || deps.chats.unnamed(identity.chatId)) ? await nameGroup(sock, identity.chatId, deps) : undefined;
  // Counters are batched (up to METRICS_FLUSH_MS, 5 s): the message does not wait for them.
  deps.metrics.count(fromMe ? {} : { messagesReceived: 1 }).catch((err: unknown) => deps.logger.warn({ err }, 'metrics write failed'));
  deps.onStored?.(fromMe);
  deps.emit({ type: 'message', message: toView(doc, media) });
  deps.emit({
    type: 'chat-update',
    chatId: chat.chatId,
    unreadCount: chat.unreadCount,
    lastMessageAt: doc.timestamp.getTime(),
    ...(chat.lastInboundAt !== null ? { lastInboundAt: chat.lastInboundAt } : {}),
    ...(chat.lastOutboundAt !== null ? { lastOutboundAt: chat.lastOutboundAt } : {}),
    ...(!fromMe && !identity.isGroup && msg.pushName ? { name: msg.pushName } : {}),
    ...(groupName ? { name: groupName } : {}),
  });
  // A message written on the phone (self-sync copy) whose receipt came first: applied now.
  const early = fromMe ? earlyStatuses.take(sessionId, messageId) : undefined;
  if (early) for (const event of await applyStatus(sessionId, messageId, early, undefined, deps.media)) deps.emit(event);
  return true;
}

/**
 * Announces a stored message once more. A message replayed from the inbox may have been stored
 * by an actor killed before its `message` event went out (and the stored message then hides it
 * from the duplicate check above), so `message` events are delivered at least once: a kill in
 * that window can repeat one, never lose one.
 */
async function announceAgain(doc: MessageDoc, deps: IngestDeps): Promise<false> {
  deps.emit({ type: 'message', message: toView(doc, await deps.media.of(doc.mediaId)) });
  return false;
}

/**
 * Names a group from its metadata and returns the subject. Best effort: a failure leaves it
 * unnamed for now, and the group's next message tries again.
 */
async function nameGroup(sock: WASocket, jid: string, deps: IngestDeps): Promise<string | undefined> {
  try {
    const meta = await sock.groupMetadata(jid);
    deps.chats.setUnnamed(jid, false);
    if (meta.subject) await deps.chats.rename(jid, meta.subject);
    return meta.subject || undefined;
  } catch (err) {
    deps.chats.setUnnamed(jid, true);
    deps.logger.debug({ err, jid }, 'group metadata unavailable');
    return undefined;
  }
}

async function dropMedia(mediaId: string): Promise<void> {
  const media = await Media.findByIdAndDelete(mediaId).lean();
  if (media) await deleteMedia(media.gridFsId);
}
