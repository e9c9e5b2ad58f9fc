import type { proto } from '@whiskeysockets/baileys';
import { Message, driverCollection, findByIds, isTransientDbError, touched, type MessageDoc } from '@switchboard/shared/node';
import { chatIdentityOf } from '../messages/jid.ts';
import { applyParked } from '../messages/parkedAnswers.ts';
import { encodeSentContent } from '../messages/sentContent.ts';
import { previewOf, toView } from '../messages/view.ts';
import type { OutboxOptions } from './Outbox.ts';

/**
 * A message WhatsApp acked: the pending document the outbox read (whole), and the content
 * `sendMessage` produced (it settles when `sendMessage` does; null if it failed).
 */
export type Acked = Pick<MessageDoc, '_id' | 'sessionId' | 'messageId' | 'chatId' | 'kind' | 'timestamp' | 'mediaId'> &
  Partial<MessageDoc> & { content: Promise<proto.IMessage | null>; recorded?: boolean };

/** What the recorder needs from the outbox's owner (the same settings, see OutboxOptions). */
export type SentRecorderOptions = Pick<OutboxOptions, 'sessionId' | 'logger' | 'chats' | 'metrics' | 'media' | 'emit' | 'enqueue' | 'onSent' | 'sock'>;

/** First delay before a batch that failed on a database fault is written again (doubling to 30 s). */
const RETRY_MS = 200;

/**
 * Writes `sent` for acked messages, in batches (issue 13): acks that arrive while a batch waits
 * in the persistence queue join it, so a burst costs one `bulkWrite` of conditional updates
 * (`{ _id, status: 'pending' }`), one chat write per chat, one counter increment and a burst of
 * `message-sent` events (which the supervisor stores with one insert) instead of a
 * `findOneAndUpdate`, a chat write and an event insert per message.
 *
 * Order: a batch is enqueued synchronously by the first ack that finds none waiting, so it runs
 * before any receipt of its messages (receipts follow their ack and go through the same queue):
 * `message-sent` comes before any `message-status`. A transient database fault retries the
 * batch with backoff (a kill meanwhile leaves the messages pending: sent again with the same id).
 */
export class SentRecorder {
  /** Acked, `sent` not written yet: not pending any more, whatever the database still says. */
  readonly recording = new Set<string>();
  private waiting: Acked[] = [];

  constructor(private readonly opts: SentRecorderOptions) {}

  /** Records an acked message; call it in the ack's handler (see the class comment on order). */
  add(msg: Acked): void {
    this.recording.add(msg.messageId);
    this.waiting.push(msg);
    if (this.waiting.length === 1) this.schedule();
  }

  private schedule(): void {
    void this.opts
      .enqueue(() => {
        const batch = this.waiting.splice(0);
        return this.recordDurably(batch);
      })
      .catch((err: unknown) => this.opts.logger.error({ err }, 'recording sends failed'));
  }

  private async recordDurably(batch: Acked[], delayMs = RETRY_MS): Promise<void> {
    try {
      await this.record(batch);
      for (const m of batch) this.recording.delete(m.messageId);
    } catch (err) {
      if (!isTransientDbError(err)) {
        for (const m of batch) this.recording.delete(m.messageId);
        this.opts.logger.error({ err, messages: batch.length }, 'recording sends failed');
        return;
      }
      this.opts.logger.warn({ err, messages: batch.length, delayMs }, 'recording sends deferred: database unavailable');
      // Out of the queue's order now: the receipts that came meanwhile announced what they moved.
      setTimeout(() => void this.opts.enqueue(() => this.recordDurably(batch, Math.min(delayMs * 2, 30_000))), delayMs).unref();
    }
  }

  private async record(batch: Acked[]): Promise<void> {
    // The ack can overtake sendMessage, which still commits the Signal keys (in the auth store's
    // own queue, never this one): wait for the contents, so the write that marks a message sent
    // also keeps what was sent, for retry receipts after a restart (issue 14).
    const protos = await Promise.all(batch.map(async (m) => {
      const content = await m.content;
      return content ? encodeSentContent(content) : undefined;
    }));
    const docs = await this.writeSent(batch, protos);
    const stored = docs.filter((d): d is Acked => d !== null);
    // A retried batch announces and counts only what its earlier try did not.
    const fresh = batch.filter((m) => !m.recorded && stored.some((d) => d.messageId === m.messageId));
    for (const doc of stored) {
      const original = batch.find((m) => m.messageId === doc.messageId)!;
      if (original.recorded) continue;
      original.recorded = true;
      this.opts.logger.info({ messageId: doc.messageId, kind: doc.kind }, 'message sent');
      // Not 'sent' any more: a receipt moved it on first and announced it (applyStatus).
      if (doc.status === 'sent') this.opts.emit({ type: 'message-sent', message: toView(doc as MessageDoc, await this.opts.media.of(doc.mediaId)) });
      this.opts.onSent?.();
    }
    if (fresh.length) this.opts.metrics.count({ messagesSent: fresh.length }).catch((err: unknown) => this.opts.logger.warn({ err }, 'metrics write failed'));
    await this.updateChats(stored);
    // Votes and answers that came before our poll's or event's sent content (its key) was written.
    const { sessionId, logger, media, emit, sock } = this.opts;
    await applyParked(stored, { sessionId, logger, media, emit, sock });
  }

  /**
   * Moves the batch from `pending` to `sent` (one `findOneAndUpdate` for a single message, else
   * one unordered `bulkWrite` of conditional updates) and returns each message's stored state.
   */
  private async writeSent(batch: Acked[], protos: (Buffer | undefined)[]): Promise<(Acked | null)[]> {
    const now = new Date();
    const set = (i: number) => {
      const recipients = batch[i]!.groupRecipients;
      return touched({ $set: { status: 'sent', statusReason: null, sentAt: now, ...(protos[i] ? { sentProto: protos[i] } : {}), ...(recipients !== undefined ? { groupRecipients: recipients } : {}) } }, now);
    };
    const messages = driverCollection(Message);
    if (batch.length === 1) {
      const doc = await messages.findOneAndUpdate({ _id: batch[0]!._id, status: 'pending' }, set(0), { returnDocument: 'after' });
      if (doc) return [{ ...batch[0]!, ...(doc as Partial<MessageDoc>) }];
    } else {
      const res = await messages.bulkWrite(batch.map((m, i) => ({ updateOne: { filter: { _id: m._id, status: 'pending' }, update: set(i) } })), { ordered: false });
      if (res.matchedCount === batch.length) return batch.map((m) => ({ ...m, status: 'sent', statusReason: null, sentAt: now }));
    }
    // Not all were pending: a receipt moved some on first (and announced them: applyStatus), or
    // an earlier try of this batch wrote them. Read them back.
    return this.readBack(batch, protos);
  }

  /** The stored state of each message; keeps the sent content of those a receipt moved on. */
  private async readBack(batch: Acked[], protos: (Buffer | undefined)[]): Promise<(Acked | null)[]> {
    const docs = await findByIds<MessageDoc>(Message, batch.map((m) => m._id));
    const missing = batch.flatMap((m, i) => (docs[i] && docs[i].status !== 'sent' && protos[i] && !docs[i].sentProto ? [{ updateOne: { filter: { _id: m._id }, update: { $set: { sentProto: protos[i] } } } }] : []));
    if (missing.length) await Message.bulkWrite(missing, { ordered: false });
    return docs.map((d, i) => (d ? { ...batch[i]!, ...d } : null));
  }

  /** One chat write per chat: its latest message sets the time and preview. */
  private async updateChats(docs: Acked[]): Promise<void> {
    const byChat = new Map<string, Acked[]>();
    for (const d of docs) byChat.set(d.chatId, [...(byChat.get(d.chatId) ?? []), d]);
    for (const [chatId, list] of byChat) {
      const identity = chatIdentityOf({ remoteJid: chatId });
      if (!identity) continue;
      // An away reply leaves the chat as the customer left it: it answers nobody (the customer
      // still waits for a person) and the list goes on showing their message.
      const shown = list.filter((d) => !d.automated);
      if (shown.length === 0) continue;
      const latest = shown.reduce((a, b) => (b.timestamp >= a.timestamp ? b : a));
      // A reaction answers nothing: it does not move the needs-reply times (as in ingest).
      const answers = shown.filter((d) => d.kind !== 'reaction').map((d) => d.timestamp);
      const replyTime = answers.length ? { outboundAt: answers.reduce((a, b) => (b > a ? b : a)) } : {};
      await this.opts.chats.upsert(identity, { lastMessageAt: latest.timestamp, preview: previewOf(latest), ...replyTime });
    }
  }
}
