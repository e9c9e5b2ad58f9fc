import type { proto, WASocket } from '@whiskeysockets/baileys';
import type { ActorEvent } from '@switchboard/shared';
import { Media, Message, isTransientDbError, messageObjectId, openMediaStream, readMedia, type MessageDoc } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import { ActorError } from '../errors.ts';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import type { ChatStore } from '../messages/chats.ts';
import { chatIdentityOf, toRecipientJid } from '../messages/jid.ts';
import { encodeSentContent } from '../messages/sentContent.ts';
import type { SessionMetrics } from '../messages/sessionMetrics.ts';
import { previewOf, toView } from '../messages/view.ts';
import { buildContent, type BuildDeps } from './buildContent.ts';
import { ServerAcks } from './serverAcks.ts';

/** Outbox settings. */
export interface OutboxOptions {
  sessionId: string;
  logger: Logger;
  chats: ChatStore;
  metrics: SessionMetrics;
  /** Media summaries for `message-sent` (remembered when a file is opened to be sent). */
  media: MediaSummaries;
  emit(event: ActorEvent): void;
  /**
   * The actor's serial persistence queue. Receipts are applied through it too, so recording a
   * send there (enqueued the moment WhatsApp's ack arrives, which precedes the recipient's
   * receipts) orders `message-sent` before any `message-status` of that message.
   */
  enqueue<T>(task: () => Promise<T>): Promise<T>;
  /** The open socket, or null while disconnected. */
  sock(): WASocket | null;
  /** Attempts before a message is marked failed. Default 3. */
  maxAttempts?: number;
  /**
   * Claims that never finished (the actor died mid-send) before a message is failed as a
   * poison message. Higher than `maxAttempts`: a kill is not the message's fault. Default 10.
   */
  maxClaims?: number;
  /** Messages fetched per round. Default 50. */
  batchSize?: number;
  onSent?(): void;
}

/** Errors that no retry can fix: the message is failed at once. */
/** Larger stored thumbnails are not sent as a preview (WhatsApp's own are a few KB). */
const MAX_PREVIEW_BYTES = 64 * 1024;

const PERMANENT = new Set(['invalid_recipient', 'invalid_message', 'media_not_found']);

/**
 * How a failed send attempt is judged: `permanent` fails the message now; `transient` (the
 * database was unreachable: issue 14) keeps it queued without counting the attempt; `retry`
 * is a send error that counts towards `maxAttempts`.
 */
export function classifySendError(err: unknown): 'permanent' | 'transient' | 'retry' {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PERMANENT.has(code)) return 'permanent';
  return isTransientDbError(err) ? 'transient' : 'retry';
}

type Pending = Pick<MessageDoc, '_id' | 'messageId' | 'chatId' | 'kind' | 'text' | 'caption' | 'mediaId' | 'quotedId' | 'reaction' | 'location' | 'attempts'>;

/** A message written to a socket: `content` settles when `sendMessage` does (null if it failed). */
type Sending = Pending & { content: Promise<proto.IMessage | null> };

/**
 * Delivers pending outgoing messages of the session, oldest first. Each message is claimed
 * with an atomic attempts increment conditioned on the value read (so two actors cannot both
 * send it), sent with its stored id as WhatsApp's message id, and marked sent only when
 * WhatsApp acks it (`ServerAcks`): a message written to a socket that died before the ack stays
 * pending and is sent again, with the same id, on the next connection (or by the next actor).
 * After `maxAttempts` failures it is marked failed.
 * Flushes are single-flight: a flush requested while one runs makes it go round again.
 */
export class Outbox {
  private running: Promise<number> | null = null;
  private again = false;
  /** Set when a message failed transiently and stays pending: the actor schedules a retry. */
  retryLater = false;
  private readonly acks: ServerAcks<Sending>;
  /**
   * Acked by WhatsApp, `sent` not written yet (queued, or waiting out a database fault): not
   * pending any more, whatever the database still says, so no flush may claim it again.
   */
  private readonly recording = new Set<string>();

  constructor(private readonly opts: OutboxOptions) {
    // Enqueued synchronously in the ack's handler: before any receipt of the message is applied.
    const record = (task: () => Promise<void>, messageId: string) =>
      opts.enqueue(task).catch((err: unknown) => opts.logger.error({ err, messageId }, 'recording a send failed'));
    this.acks = new ServerAcks<Sending>({
      onAck: (msg) => void this.recordSentDurably(msg),
      // WhatsApp refused it (e.g. 479): failed with the server's code, whatever Baileys reports.
      // Once failed in the database it is no longer awaited, so a retry can send it again on this
      // socket; forgotten before the failure is announced, so a retry that follows at once works.
      onReject: (msg, code) => void record(() => this.fail(msg, code, () => this.acks.cancel(msg.messageId)), msg.messageId),
    });
  }

  /** Resolves once WhatsApp acked every message written to the open socket (or after `timeoutMs`). */
  async drained(timeoutMs: number): Promise<void> {
    const sock = this.opts.sock();
    if (sock) await this.acks.drained(sock, timeoutMs);
  }

  /** Delivers what is pending now; resolves with the number of messages attempted. */
  flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<number> {
    let attempted = 0;
    this.retryLater = false;
    do {
      this.again = false;
      try {
        attempted += await this.round();
      } catch (err) {
        // The database dropped a read or a claim: nothing was sent, everything stays queued.
        if (!isTransientDbError(err)) throw err;
        this.opts.logger.warn({ err }, 'outbox deferred: database unavailable');
        this.retryLater = true;
        return attempted;
      }
    } while (this.again && this.opts.sock());
    return attempted;
  }

  private async round(): Promise<number> {
    const { sessionId } = this.opts;
    let attempted = 0;
    const skip = new Set<string>();
    for (;;) {
      const current = this.opts.sock();
      if (!current) return attempted;
      // Messages written to this socket and not acked yet are in flight, not lost.
      const exclude = [...skip, ...this.acks.inFlight(current), ...this.recording];
      const limit = this.opts.batchSize ?? 50;
      const batch = (await Message.find({ sessionId, status: 'pending', fromMe: true, messageId: { $nin: exclude } })
        .sort({ timestamp: 1, _id: 1 })
        .limit(limit)
        .lean()) as Pending[];
      if (batch.length === 0) return attempted;
      for (const msg of batch) {
        skip.add(msg.messageId);
        const sock = this.opts.sock();
        if (!sock) return attempted;
        if ((msg.attempts ?? 0) >= (this.opts.maxClaims ?? 10)) {
          // Earlier runs claimed it this often without finishing (e.g. the actor died mid-send).
          await this.fail(msg, `gave up after ${msg.attempts} attempts`);
          continue;
        }
        if (!(await this.claim(msg))) continue;
        attempted += 1;
        await this.deliver(sock, msg);
      }
      // A short batch was everything pending when it was read; what was accepted since then
      // asked for a flush (`again`), so asking the database once more would only find nothing
      // (on the embedded database that is a scan of the messages: issue 13).
      if (batch.length < limit) return attempted;
    }
  }

  private async claim(msg: Pending): Promise<boolean> {
    const res = await Message.updateOne(
      { _id: msg._id, status: 'pending', attempts: msg.attempts ?? 0 },
      { $inc: { attempts: 1 } },
    );
    return res.modifiedCount === 1;
  }

  private async deliver(sock: WASocket, msg: Pending): Promise<void> {
    let settle: (sent: proto.IMessage | null) => void = () => undefined;
    const sent = new Promise<proto.IMessage | null>((resolve) => (settle = resolve));
    try {
      const jid = toRecipientJid(msg.chatId);
      const { content, options } = await buildContent(msg as never, jid, this.buildDeps());
      // Expected before the write: the ack may be handled before sendMessage resolves.
      this.acks.expect(sock, msg.messageId, { ...msg, content: sent });
      settle((await sock.sendMessage(jid, content, options))?.message ?? null);
    } catch (err) {
      settle(null);
      this.acks.cancel(msg.messageId);
      await this.failed(msg, err);
    }
  }

  /**
   * Records an acked send. The first try is enqueued synchronously (before any receipt of the
   * message); a transient database fault is retried with backoff until it is written, a kill
   * meanwhile leaves it pending (sent again with the same id by the next actor).
   */
  private async recordSentDurably(msg: Sending, delayMs = 200): Promise<void> {
    this.recording.add(msg.messageId);
    try {
      await this.opts.enqueue(() => this.recordSent(msg));
      this.recording.delete(msg.messageId);
    } catch (err) {
      if (!isTransientDbError(err)) {
        this.recording.delete(msg.messageId);
        this.opts.logger.error({ err, messageId: msg.messageId }, 'recording a send failed');
        return;
      }
      this.opts.logger.warn({ err, messageId: msg.messageId, delayMs }, 'recording a send deferred: database unavailable');
      setTimeout(() => void this.recordSentDurably(msg, Math.min(delayMs * 2, 30_000)), delayMs).unref();
    }
  }

  private async recordSent(msg: Sending): Promise<void> {
    // The ack can overtake sendMessage, which still commits the Signal keys (in the auth store's
    // own queue, never this one): wait for the content, so the write that marks the message sent
    // also keeps what was sent, for retry receipts after a restart (issue 14).
    const content = await msg.content;
    const sentProto = content ? encodeSentContent(content) : undefined;
    const sent = await Message.findOneAndUpdate(
      { _id: msg._id, status: 'pending' },
      { $set: { status: 'sent', statusReason: null, ...(sentProto ? { sentProto } : {}) } },
      { returnDocument: 'after' },
    ).lean();
    // A receipt may already have moved it on (and announced message-sent): see applyStatus.
    const doc = sent ?? (await Message.findById(msg._id).lean());
    if (!doc) return;
    if (!sent && sentProto) await Message.updateOne({ _id: msg._id }, { $set: { sentProto } });
    this.opts.logger.info({ messageId: msg.messageId, kind: msg.kind }, 'message sent');
    if (sent) this.opts.emit({ type: 'message-sent', message: toView(sent, await this.opts.media.of(sent.mediaId)) });
    this.opts.onSent?.();
    const identity = chatIdentityOf({ remoteJid: doc.chatId });
    if (identity) {
      // A reaction answers nothing: it does not move the needs-reply times (as in ingest).
      const replyTime = doc.kind === 'reaction' ? {} : { outboundAt: doc.timestamp };
      await this.opts.chats.upsert(identity, { lastMessageAt: doc.timestamp, preview: previewOf(doc), ...replyTime });
    }
    this.opts.metrics.count({ messagesSent: 1 }).catch((err: unknown) => this.opts.logger.warn({ err }, 'metrics write failed'));
  }

  private async failed(msg: Pending, err: unknown): Promise<void> {
    const code = (err as { code?: unknown }).code;
    const reason = err instanceof Error ? err.message : String(err);
    const attempts = (msg.attempts ?? 0) + 1;
    const verdict = classifySendError(err);
    if (verdict === 'transient') {
      // Not the message's fault: give the claim back (best effort, the database is flaky) so
      // a long outage never adds up to `maxClaims`, and try again later.
      this.opts.logger.warn({ messageId: msg.messageId, err }, 'send deferred: database unavailable');
      this.retryLater = true;
      await Message.updateOne({ _id: msg._id, status: 'pending', attempts }, { $inc: { attempts: -1 } }).catch(() => undefined);
      return;
    }
    this.opts.logger.warn({ messageId: msg.messageId, attempts, code, err }, 'send failed');
    await this.opts.metrics.error(`send failed: ${reason}`).catch(() => undefined);
    if (verdict === 'retry' && attempts < this.maxAttempts) {
      this.retryLater = true;
      return;
    }
    await this.fail(msg, reason);
  }

  /** Marks a send failed; `stored` runs after the write and before the failure is announced. */
  private async fail(msg: Pending, reason: string, stored?: () => void): Promise<void> {
    const res = await Message.updateOne({ _id: msg._id, status: 'pending' }, { $set: { status: 'failed', statusReason: reason.slice(0, 200) } });
    stored?.();
    if (res.modifiedCount === 1) {
      this.opts.emit({ type: 'message-status', messageId: msg.messageId, chatId: msg.chatId, status: 'failed', reason });
    }
  }

  private get maxAttempts(): number {
    return this.opts.maxAttempts ?? 3;
  }

  /**
   * The stored thumbnail of an image or video, to send as its preview; null when there is none,
   * it is too big for a preview, or it cannot be read (the send goes on without one).
   */
  private async mediaPreview(media: { _id: unknown; mimeType: string; thumbnailGridFsId?: Types.ObjectId | null }): Promise<Buffer | null> {
    if (!media.thumbnailGridFsId || !/^(image|video)\//.test(media.mimeType)) return null;
    try {
      const bytes = await readMedia(media.thumbnailGridFsId);
      return bytes.length <= MAX_PREVIEW_BYTES ? bytes : null;
    } catch (err) {
      this.opts.logger.warn({ err, mediaId: String(media._id) }, 'media preview not read, sending without it');
      return null;
    }
  }

  private buildDeps(): BuildDeps {
    const { sessionId } = this.opts;
    return {
      findMessage: (messageId) => Message.findById(messageObjectId(sessionId, messageId), { fromMe: 1, sender: 1, text: 1, caption: 1 }).lean(),
      openMedia: async (mediaId) => {
        // A read error is not "not found": it propagates and is judged by classifySendError.
        const media = await Media.findOne({ _id: mediaId }).lean();
        if (!media) throw new ActorError('media_not_found', `Media ${mediaId} not found`);
        this.opts.media.remember(media);
        const jpegThumbnail = await this.mediaPreview(media);
        return {
          stream: openMediaStream(media.gridFsId),
          mimeType: media.mimeType,
          ...(media.fileName ? { fileName: media.fileName } : {}),
          ...(jpegThumbnail ? { jpegThumbnail } : {}),
        };
      },
    };
  }
}
