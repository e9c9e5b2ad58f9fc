import { BufferJSON, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import type { ActorEvent } from '@switchboard/shared';
import { Media, Message, deleteMedia, messageObjectId, toMessageView, transientRetryDelay, type TransientRetryPolicy } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { MediaInfo } from '../messages/mapContent.ts';
import type { MediaSummaries } from './mediaSummaries.ts';
import { storeIncomingMedia } from './storeIncomingMedia.ts';

/**
 * Backoff of media download retries: first retry after `baseMs` (default 5 s), doubling up to
 * `capMs` (default 10 min); `maxAttempts` tries (the first download included, default 12)
 * before the media is marked `failed`.
 */
export type MediaRetryPolicy = TransientRetryPolicy;

/** What the retrier needs from the actor. */
export interface MediaRetryDeps {
  sessionId: string;
  logger: Logger;
  media: MediaSummaries;
  emit(event: ActorEvent): void;
  /** The open socket, or null while disconnected (nothing is tried then). */
  sock(): WASocket | null;
  /** The actor's persistence queue: a retry is ordered with the other writes of the session. */
  enqueue<T>(task: () => Promise<T>): Promise<T>;
  dispatcher?: Dispatcher;
  policy?: Partial<MediaRetryPolicy>;
}

/** One incoming media file waiting for a download (collection `mediaretries`). */
interface RetryEntry {
  _id: string;
  sessionId: string;
  messageId: string;
  chatId: string;
  /** BufferJSON of `{key, message}`: what `downloadMediaMessage` needs, media key included. Never log. */
  message: string;
  info: MediaInfo;
  attempts: number;
  nextAt: Date;
  lastError: string;
}

const COLLECTION = 'mediaretries';
const DEFAULTS: MediaRetryPolicy = { baseMs: 5000, capMs: 10 * 60_000, maxAttempts: 12 };

/**
 * Incoming media whose download failed (a network error, the media server down, an expired URL
 * whose re-upload did not come through). The message is stored at once with
 * `mediaStatus: 'pending'`; the media key and location are kept here, durably, and the download
 * is tried again with capped exponential backoff while the socket is open (issue 14). When it
 * arrives the message gets its `mediaId` and a `message` event announces it again; after
 * `maxAttempts` tries it is marked `mediaStatus: 'failed'` (and announced).
 * Entries are keyed `<sessionId>|<messageId>` (primary-key writes on the embedded database).
 */
export class MediaRetries {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** A schedule asked for while a run was going: look again soon after it. */
  private rescan = false;
  private stopped = false;
  private readonly policy: MediaRetryPolicy;

  constructor(private readonly deps: MediaRetryDeps) {
    this.policy = { ...DEFAULTS, ...deps.policy };
  }

  /** Records a failed first download; call before the message is stored (a kill in between replays it from the inbox). */
  async add(msg: WAMessage, info: MediaInfo, chatId: string, err: unknown): Promise<void> {
    const { sessionId } = this.deps;
    const messageId = msg.key.id!;
    const message = JSON.stringify({ key: msg.key, message: msg.message }, BufferJSON.replacer);
    await this.collection().replaceOne(
      { _id: `${sessionId}|${messageId}` },
      { sessionId, messageId, chatId, message, info, attempts: 1, nextAt: new Date(Date.now() + this.delay(1)), lastError: errorText(err) },
      { upsert: true },
    );
    this.schedule(this.delay(1));
  }

  /** Tries what is due now (the socket just opened) and keeps a timer for the rest. */
  kick(): void {
    this.schedule(0);
  }

  /** Cancels the timer (the actor is ending). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private collection() {
    return Message.db.collection<RetryEntry>(COLLECTION);
  }

  private delay(attempts: number): number {
    return transientRetryDelay(this.policy, attempts);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.rescan = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let next: number | null;
    try {
      const entries = await this.collection().find({ sessionId: this.deps.sessionId }).sort({ nextAt: 1 }).toArray();
      next = null;
      for (const entry of entries) {
        if (!this.deps.sock() || this.stopped) break;
        if (entry.nextAt.getTime() <= Date.now()) await this.deps.enqueue(() => this.retry(entry));
      }
      const left = await this.collection().find({ sessionId: this.deps.sessionId }).sort({ nextAt: 1 }).limit(1).toArray();
      if (left[0]) next = Math.max(0, left[0].nextAt.getTime() - Date.now());
    } catch (err) {
      // The database is unreachable: look again after the base delay.
      this.deps.logger.warn({ err }, 'media retries deferred');
      next = this.policy.baseMs;
    } finally {
      this.running = false;
    }
    if (this.rescan) {
      this.rescan = false;
      next = Math.min(next ?? this.policy.baseMs, this.policy.baseMs);
    }
    // While disconnected the timer waits for `kick` (the next open) instead.
    if (next !== null && this.deps.sock()) this.schedule(next);
  }

  private async retry(entry: RetryEntry): Promise<void> {
    const sock = this.deps.sock();
    if (!sock) return;
    const { sessionId, logger } = this.deps;
    const msg = JSON.parse(entry.message, BufferJSON.reviver) as WAMessage;
    try {
      const stored = await storeIncomingMedia(msg, entry.info, {
        sessionId, chatId: entry.chatId, messageId: entry.messageId, logger, sock,
        ...(this.deps.dispatcher ? { dispatcher: this.deps.dispatcher } : {}),
      });
      await this.attach(entry, stored);
    } catch (err) {
      const attempts = entry.attempts + 1;
      logger.warn({ err, messageId: entry.messageId, attempts }, 'media download failed again');
      if (attempts >= this.policy.maxAttempts) {
        await this.finish(entry, { mediaStatus: 'failed' });
        return;
      }
      await this.collection().updateOne(
        { _id: entry._id },
        { $set: { attempts, nextAt: new Date(Date.now() + this.delay(attempts)), lastError: errorText(err) } },
      );
    }
  }

  /** Puts the downloaded file on its message and announces it; a message that has one already keeps it. */
  private async attach(entry: RetryEntry, stored: Awaited<ReturnType<typeof storeIncomingMedia>>): Promise<void> {
    const updated = await this.finish(entry, { mediaId: stored._id, mediaStatus: null }, this.deps.media.remember(stored));
    if (!updated) {
      await Media.deleteOne({ _id: stored._id });
      await deleteMedia(stored.gridFsId);
    }
  }

  private async finish(entry: RetryEntry, set: Record<string, unknown>, summary?: ReturnType<MediaSummaries['remember']>): Promise<boolean> {
    const doc = await Message.findOneAndUpdate(
      { _id: messageObjectId(entry.sessionId, entry.messageId), mediaId: null },
      { $set: set },
      { returnDocument: 'after' },
    ).lean();
    await this.collection().deleteOne({ _id: entry._id });
    if (!doc) return false;
    this.deps.logger.info({ messageId: entry.messageId, mediaStatus: doc.mediaStatus ?? 'stored' }, 'media retry finished');
    this.deps.emit({ type: 'message', message: toMessageView(doc, summary) });
    return true;
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}
