import { isJidStatusBroadcast, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import { callWaits, optOutRequest, type ActorEvent, type MessageMediaView } from '@switchboard/shared';
import { Message, dropMediaById, incomingMessageDocument, insertDocumentsUnordered, messageObjectId, type IncomingMessageDocument, type IncomingMessageFields, type InsertFailure, type MessageDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import { messageTime, type MessageClock } from './messageTime.ts';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import { storeIncomingMedia } from '../media/storeIncomingMedia.ts';
import { answerOf, applyAnswer, type Answer } from './answers.ts';
import { applyParked } from './parkedAnswers.ts';
import { applyStatus } from './applyStatus.ts';
import type { ChatPatch, ChatStore } from './chats.ts';
import { earlyStatuses } from './earlyStatus.ts';
import { chatIdentityFor, senderOf, type ChatIdentity } from './jid.ts';
import { isReplayed } from './inbox.ts';
import { mapContent, type MappedContent, type MediaInfo } from './mapContent.ts';
import { applyChange, changeOf, type MessageChange } from './messageChanges.ts';
import { resolveMentions } from './mentions.ts';
import { callOf } from './calls.ts';
import { groupStubOf, nameGroupStub } from './groupStubs.ts';
import { quotedElsewhere } from './quotedElsewhere.ts';
import type { SessionMetrics } from './sessionMetrics.ts';
import { announceMessage, previewOf, toView } from './view.ts';

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
  /** Clock of arrival (ms), which orders messages within WhatsApp's one-second timestamps. */
  now?: () => number;
  /** Keeps a chat's messages of one WhatsApp second in arrival order (one per actor). */
  messageClock?: MessageClock;
}

/** Runs a persistence step again after a failure (socketEvents.ts withRetry). */
export type Retry = <T>(task: () => Promise<T>) => Promise<T>;

/** The most messages stored in one request. */
const MAX_BATCH = 64;

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === DUPLICATE_KEY;

/** A message read from the socket and ready to be stored. */
interface Prepared {
  msg: WAMessage;
  identity: ChatIdentity;
  /** The validated document, as it is stored. */
  doc: IncomingMessageDocument;
  mediaId: string | null;
  media: MessageMediaView | undefined;
  /** A try to store it failed as a whole: it may be stored already, by that try. */
  maybeStored: boolean;
}

/**
 * Stores messages from `messages.upsert` (a run of them that queued up while the previous run was
 * written), idempotently on (sessionId, messageId): a message seen before (a redelivery, or our
 * own outbox send echoed back) is skipped. Group commit (issue 13): the run's messages are stored
 * with one `insertMany` and each chat it touches gets one write, then every stored message is
 * announced in order (`message`, then one `chat-update` per chat). Media is downloaded into
 * GridFS first so the `message` event already carries its mediaId. Each database step is retried
 * by `retry` on its own, so a step that failed does not repeat the ones before it. Resolves with
 * the messages handled (stored, or nothing to store); one that could not be read is logged and
 * left out, and a failed write of the run rejects. Edits and deletions change the message they
 * name instead (messageChanges.ts), once the run's new messages are stored.
 */
export async function ingestMessages(msgs: readonly WAMessage[], deps: IngestDeps, retry: Retry): Promise<WAMessage[]> {
  const prepared: Prepared[] = [];
  const handled: WAMessage[] = [];
  const changes: Array<MessageChange | Answer> = [];
  for (const msg of msgs) {
    const change = changeOf(msg) ?? answerOf(msg);
    if (change) {
      changes.push(change);
      continue;
    }
    try {
      const ready = await retry(() => prepare(msg, deps));
      if (ready) prepared.push(ready);
      handled.push(msg);
    } catch (err) {
      // The others of the run go on; this one stays in the inbox and is tried at the next start.
      deps.logger.error({ err, messageId: msg.key?.id }, 'incoming message not stored');
      await deps.metrics.error(`incoming message not stored: ${(err as Error)?.message ?? String(err)}`).catch(() => undefined);
    }
  }
  for (let from = 0; from < prepared.length; from += MAX_BATCH) {
    const batch = prepared.slice(from, from + MAX_BATCH);
    const stored = await retry(() => store(batch));
    await announce(stored, deps, retry);
    // Answers that came before their poll or event (parkedAnswers.ts).
    await retry(() => applyParked(stored.map((p) => p.doc), deps));
  }
  // After the run's messages are stored: an edit that came with its target finds it.
  for (const change of changes) {
    await retry(() => (change.type === 'answer' ? applyAnswer(change, deps) : applyChange(change, deps)));
    handled.push(change.msg);
  }
  return handled;
}

/** Reads one message; null when there is nothing to store (the replay of a stored one is announced again here). */
async function prepare(msg: WAMessage, deps: IngestDeps): Promise<Prepared | null> {
  const { sessionId } = deps;
  const key = msg.key;
  const messageId = key?.id;
  if (!messageId || !key.remoteJid || isJidStatusBroadcast(key.remoteJid)) return null;
  const content = mapContent(msg.message);
  // A group change (someone added, a new subject) comes as a stub without content.
  const stub = content ? null : groupStubOf(msg);
  // A call to the account (calls.ts) is a stub too.
  const call = content || stub ? null : callOf(msg);
  const mapped: MappedContent | null = content ?? (stub ? { kind: 'system' } : call ? { kind: 'call' } : null);
  if (!mapped) return null;
  const sock = deps.sock();
  const identity = await chatIdentityFor(key, sock);
  if (!identity) return null;
  if (isReplayed(msg)) {
    // Read whole in one request: if it is stored already, it is announced again.
    const stored = await Message.findById(messageObjectId(sessionId, messageId)).lean();
    if (stored) {
      await announceAgain(stored, deps);
      return null;
    }
  } else if (mapped.media && (await Message.exists({ _id: messageObjectId(sessionId, messageId) }))) {
    // Checked first only when there is media to download; otherwise the insert's duplicate key says it.
    return null;
  }

  // Before the media: a retry of this step downloads nothing twice.
  const mentions = mapped.mentionedJids ? await resolveMentions(sessionId, identity.chatId, mapped.mentionedJids, sock) : [];
  const system = stub ? await nameGroupStub(sessionId, identity.chatId, stub, sock) : undefined;
  const quotedFrom = mapped.quotedElsewhere ? await quotedElsewhere(mapped.quotedElsewhere, identity.chatId, sock) : undefined;
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
  const fields: IncomingMessageFields = {
    sessionId,
    chatId: identity.chatId,
    messageId,
    fromMe,
    sender: fromMe ? null : (senderOf(key, identity) ?? null),
    pushName: fromMe ? null : (msg.pushName ?? null),
    kind: mapped.kind,
    text: mapped.text ?? null,
    caption: mapped.caption ?? null,
    mediaId,
    mediaStatus,
    quotedId: mapped.quotedId ?? null,
    ...(mapped.forwarded ? { forwarded: true as const } : {}),
    ...(mentions.length ? { mentions } : {}),
    ...(system ? { system } : {}),
    ...(call ? { call } : {}),
    ...(quotedFrom ? { quotedFrom } : {}),
    ...(mapped.messageSecret ? { messageSecret: mapped.messageSecret } : {}),
    ...(mapped.event ? { event: mapped.event } : {}),
    ...(mapped.invite ? { invite: mapped.invite } : {}),
    reaction: mapped.reaction ?? null,
    location: mapped.location ?? null,
    status: fromMe ? 'sent' : 'delivered',
    timestamp: ts > 0 ? (deps.messageClock ? deps.messageClock.stamp(identity.chatId, ts, (deps.now ?? Date.now)()) : messageTime(ts, (deps.now ?? Date.now)())) : new Date((deps.now ?? Date.now)()),
    attempts: 0,
  };
  // Validated alone, so an invalid message fails by itself and never shifts a batch's write errors.
  const doc = incomingMessageDocument(fields);
  return { msg, identity, doc, mediaId, media, maybeStored: false };
}

/**
 * Stores a batch in one unordered request and returns what it stored. A duplicate key means the
 * message was stored before: skipped (its media dropped), unless an earlier try of this batch that
 * failed as a whole may have stored it, in which case it is ours and still to be announced.
 */
async function store(batch: Prepared[]): Promise<Prepared[]> {
  let failures: (InsertFailure | null)[];
  try {
    failures = await insertDocumentsUnordered(Message.collection, batch.map((p) => p.doc));
  } catch (err) {
    failures = batch.map(() => err as InsertFailure);
  }
  const unknown = failures.find((e) => e && !isDuplicateKey(e));
  if (unknown) {
    // Not known to be stored or not (a lost connection, a failure other than a duplicate):
    // the next try tells from the duplicate keys.
    for (const p of batch) p.maybeStored = true;
    throw unknown;
  }
  const stored: Prepared[] = [];
  for (const [i, p] of batch.entries()) {
    if (!failures[i] || p.maybeStored) stored.push(p);
    else if (p.mediaId) await dropMediaById(p.mediaId);
  }
  return stored;
}

const later = (a: Date | undefined, b: Date): Date => (a && a > b ? a : b);

/**
 * Writes each chat of the stored messages once (their changes merged) and announces them: every
 * message in order, then one `chat-update` per chat with the state after all of them.
 */
async function announce(stored: Prepared[], deps: IngestDeps, retry: Retry): Promise<void> {
  if (stored.length === 0) return;
  const byChat = new Map<string, { identity: ChatIdentity; patch: ChatPatch & { unread: number } }>();
  for (const { msg, identity, doc } of stored) {
    const entry = byChat.get(identity.chatId) ?? { identity, patch: { unread: 0 } };
    entry.identity = identity;
    byChat.set(identity.chatId, entry);
    const { patch } = entry;
    const name = !doc.fromMe && !identity.isGroup ? msg.pushName : undefined;
    if (name) patch.name = name;
    patch.lastMessageAt = later(patch.lastMessageAt, doc.timestamp);
    patch.preview = previewOf(doc);
    patch.system = doc.kind === 'system' ? (doc.system ?? null) : null;
    // A reaction, or a change to a group, answers nothing and asks for nothing: it does not move
    // the needs-reply times; a group change is never unread either, nor a call answered on the phone.
    const counts = doc.kind !== 'reaction' && doc.kind !== 'system' && callWaits(doc.call);
    // 'append' upserts are messages queued while offline: still unread (history sync comes apart).
    if (!doc.fromMe && doc.kind !== 'system' && callWaits(doc.call)) patch.unread += 1;
    if (counts && doc.fromMe) patch.outboundAt = later(patch.outboundAt, doc.timestamp);
    if (counts && !doc.fromMe) patch.inboundAt = later(patch.inboundAt, doc.timestamp);
    // "BAJA": the customer wants no more messages sent to many chats (a group's members never ask).
    const word = !doc.fromMe && !identity.isGroup && doc.kind === 'text' ? optOutRequest(doc.text) : null;
    if (word) patch.optOut = { at: doc.timestamp, word };
  }
  const updates: ActorEvent[] = [];
  for (const { identity, patch } of byChat.values()) {
    const chat = await retry(() => deps.chats.upsert(identity, patch));
    const sock = deps.sock();
    // A group is named from its metadata once: when first seen, or again after a failed try.
    const groupName = identity.isGroup && sock && (chat.created || deps.chats.unnamed(identity.chatId)) ? await nameGroup(sock, identity.chatId, deps) : undefined;
    const name = groupName ?? patch.name;
    updates.push({
      type: 'chat-update',
      chatId: chat.chatId,
      unreadCount: chat.unreadCount,
      lastMessageAt: patch.lastMessageAt!.getTime(),
      ...(chat.lastInboundAt !== null ? { lastInboundAt: chat.lastInboundAt } : {}),
      ...(chat.lastOutboundAt !== null ? { lastOutboundAt: chat.lastOutboundAt } : {}),
      ...(name ? { name } : {}),
      ...(patch.optOut ? { optedOut: { at: patch.optOut.at.getTime(), byCustomer: true as const, word: patch.optOut.word } } : {}),
    });
  }
  // Counters are batched (up to METRICS_FLUSH_MS, 5 s): the messages do not wait for them.
  const received = stored.filter((p) => !p.doc.fromMe).length;
  deps.metrics.count(received ? { messagesReceived: received } : {}).catch((err: unknown) => deps.logger.warn({ err }, 'metrics write failed'));
  for (const { doc, media } of stored) {
    deps.onStored?.(doc.fromMe);
    deps.emit({ type: 'message', message: toView(doc, media) });
  }
  for (const update of updates) deps.emit(update);
  for (const { doc } of stored) {
    // A message written on the phone (self-sync copy) whose receipt came first: applied now.
    const early = doc.fromMe ? earlyStatuses.take(deps.sessionId, doc.messageId) : undefined;
    if (early) for (const event of await applyStatus(deps.sessionId, doc.messageId, early, undefined, deps.media)) deps.emit(event);
  }
}

/**
 * Announces a stored message once more. A message replayed from the inbox may have been stored
 * by an actor killed before its `message` event went out (and the stored message then hides it
 * from the duplicate check above), so `message` events are delivered at least once: a kill in
 * that window can repeat one, never lose one.
 */
async function announceAgain(doc: MessageDoc, deps: IngestDeps): Promise<void> {
  await announceMessage(doc, deps);
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
