import type { proto, WASocket } from '@whiskeysockets/baileys';
import type { ActorEvent } from '@switchboard/shared';
import { Message, findByIds, isTransientDbError, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import type { ChatStore } from '../messages/chats.ts';
import { toRecipientJid } from '../messages/jid.ts';
import type { SessionMetrics } from '../messages/sessionMetrics.ts';
import { buildContent, type BuildDeps } from './buildContent.ts';
import { storedContentDeps } from './storedContent.ts';
import { ChatLanes } from './chatLanes.ts';
import { claimAll, claimByKey, fenceParts, fencePending, releaseClaims } from './claims.ts';
import { blockedRefusal, classifySendError, groupRefusal, isPassingServerFault } from './sendErrors.ts';
import { SentRecorder, type Acked } from './sentRecorder.ts';
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
  /** Messages claimed with one request. Default 16. */
  claimBatch?: number;
  /** Chats whose sends go out side by side (one at a time within a chat: `ChatLanes`). Default 8. */
  parallelChats?: number;
  /** Cluster mode: this actor's fencing token; its claims skip sends a newer owner fenced (claims.ts). */
  fence?: number;
  onSent?(): void;
  /**
   * How many members a message to group `jid` goes to, asked just before it is sent (the same
   * metadata Baileys sends it with); null when unknown. Kept with the message (`groupRecipients`).
   * Throws to refuse the send (`admins_only`: a group where only admins send).
   */
  groupRecipients?(jid: string, messageId: string): Promise<number | null>;
  /** True when the account blocked the contact: the send fails as `blocked`, never tried. */
  blocked?(jid: string): boolean;
}

/** A pending message as read (the whole document: `message-sent` is built from it). */
type Pending = Pick<MessageDoc, '_id' | 'sessionId' | 'messageId' | 'chatId' | 'kind' | 'timestamp' | 'text' | 'caption' | 'mediaId' | 'quotedId' | 'reaction' | 'location' | 'attempts'> & Partial<MessageDoc>;

/** How many of its latest sends the outbox remembers as its own (Baileys' echo comes soon after). */
const RECENT_SENDS = 1000;

/**
 * Delivers pending outgoing messages of the session, oldest first. Each message is claimed
 * with an atomic attempts increment conditioned on the value read (so two actors cannot both
 * send it; claims go in batches: `claims.ts`), sent with its stored id as WhatsApp's message id,
 * and marked sent only when WhatsApp acks it (`ServerAcks`; the `sent` writes go in batches:
 * `SentRecorder`): a message written to a socket that died before the ack stays
 * pending and is sent again, with the same id, on the next connection (or by the next actor).
 * After `maxAttempts` failures it is marked failed.
 * Sends to one chat go out in order, one at a time; sends to different chats overlap
 * (`ChatLanes`), so a slow upload holds only its own chat.
 * Flushes are single-flight: a flush requested while one runs makes it go round again, without
 * waiting for the sends under way; a flush resolves once everything it claimed was attempted.
 */
export class Outbox {
  private running: Promise<number> | null = null;
  private again = false;
  /** Set when a message failed transiently and stays pending: the actor schedules a retry. */
  retryLater = false;
  private readonly acks: ServerAcks<Acked>;
  /** Writes `sent` for acked messages; what it holds is not pending any more (no flush claims it). */
  private readonly sent: SentRecorder;
  /** The ids of the last RECENT_SENDS messages written to a socket (see isOwnSend). */
  private readonly written = new Set<string>();
  /** Ids the hub just accepted (flush hints), in the order it accepted them. */
  private readonly hinted = new Set<string>();
  /**
   * The socket on which a scan last found nothing else waiting: while it is open and nothing was
   * left for a retry, hinted messages are the whole backlog and are claimed by key (issue 13: no
   * scan of the messages per send); otherwise a flush scans, oldest first.
   */
  private caughtUpOn: WASocket | null = null;
  /** Cluster mode: the session's pending sends carry this actor's fence (done once, before the first claim). */
  private pendingFenced = false;
  private readonly lanes: ChatLanes;
  /** Where a send's quoted message and media are read from. */
  private readonly contentDeps: BuildDeps;
  /** A lane's send failed in a way the loop must handle (the database dropped a write). */
  private laneError: unknown = null;
  /** Wakes a loop that waits for its sends when another flush is asked for. */
  private wake: () => void = () => undefined;

  constructor(private readonly opts: OutboxOptions) {
    this.sent = new SentRecorder(opts);
    this.lanes = new ChatLanes(opts.parallelChats ?? 8);
    this.contentDeps = storedContentDeps(opts);
    // Enqueued synchronously in the ack's handler: before any receipt of the message is applied.
    const record = (task: () => Promise<void>, messageId: string) =>
      opts.enqueue(task).catch((err: unknown) => opts.logger.error({ err, messageId }, 'recording a send failed'));
    this.acks = new ServerAcks<Acked>({
      onAck: (msg) => this.sent.add(msg),
      // WhatsApp refused it (e.g. 479): failed with the server's code, whatever Baileys reports.
      // Once failed in the database it is no longer awaited, so a retry can send it again on this
      // socket; forgotten before the failure is announced, so a retry that follows at once works.
      onReject: (msg, code) => void record(() => this.fail(msg, code, () => this.acks.cancel(msg.messageId)), msg.messageId),
    });
  }

  /**
   * True for one of the last messages this outbox wrote to WhatsApp: it sent only messages it
   * read from the database. Baileys echoes our own sends as `messages.upsert` (sometimes long
   * after the ack, when its event buffer flushes): for these, ingest knows without asking the
   * database that the message is stored (issue 13: one read per send).
   */
  isOwnSend(messageId: string): boolean {
    return this.written.has(messageId);
  }

  /** Resolves once WhatsApp acked every message written to the open socket (or after `timeoutMs`). */
  async drained(timeoutMs: number): Promise<void> {
    const sock = this.opts.sock();
    if (sock) await this.acks.drained(sock, timeoutMs);
  }

  /**
   * Delivers what is pending now; resolves with the number of messages attempted. `hinted`: ids
   * of messages the hub has just stored as pending (looked up by key when nothing else waits).
   */
  flush(hinted: string[] = []): Promise<number> {
    for (const id of hinted) this.hinted.add(id);
    if (this.running) {
      this.again = true;
      this.wake();
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
        if (this.opts.fence !== undefined && !this.pendingFenced) {
          await fencePending(this.opts.sessionId, this.opts.fence);
          this.pendingFenced = true;
        }
        const sock = this.opts.sock();
        attempted += sock && sock === this.caughtUpOn && this.hinted.size > 0 ? await this.keyedRound(sock) : await this.round();
        // The sends under way finish, unless another flush is asked for first: its messages may
        // be for other chats, which need not wait.
        if (!this.again) await this.lanesOrWake();
        if (!this.opts.sock()) await this.lanes.idle();
        this.throwLaneError();
      } catch (err) {
        // The database dropped a read or a claim: nothing was sent, everything stays queued.
        this.caughtUpOn = null;
        // Sends already handed to a lane finish first; a later flush scans for what is left.
        await this.lanes.idle();
        this.laneError = null;
        if (!isTransientDbError(err)) throw err;
        this.opts.logger.warn({ err }, 'outbox deferred: database unavailable');
        this.retryLater = true;
        return attempted;
      }
      // Something waits for a retry: later sends must not overtake it, so the next flush scans.
      if (this.retryLater) this.caughtUpOn = null;
    } while (this.again && this.opts.sock());
    return attempted;
  }

  /**
   * Claims and sends the hinted messages by key, in the order they were accepted: one alone with
   * one `findOneAndUpdate` (claim and read), several (a burst queued while the last round ran)
   * read by `_id` (reads do not wait for the write lock) and claimed with one `bulkWrite`.
   */
  private async keyedRound(sock: WASocket): Promise<number> {
    const busy = new Set([...this.acks.inFlight(sock), ...this.sent.recording, ...this.lanes.pending]);
    const ids = [...this.hinted].filter((id) => !busy.has(id));
    this.hinted.clear();
    if (ids.length === 1) {
      const claimed = await claimByKey(this.opts.sessionId, ids[0]!, this.opts.fence);
      if (claimed === 'done') return 0;
      if (claimed === 'unclear') return this.scanNext(0);
      if (this.opts.sock() !== sock) {
        await releaseClaims([claimed], this.opts.fence);
        return this.lostSocket(0);
      }
      this.dispatch(claimed as Pending);
      return 1;
    }
    const docs = await findByIds<MessageDoc>(Message, ids.map((id) => messageObjectId(this.opts.sessionId, id)));
    const ready: Pending[] = [];
    let unclear = false;
    for (const doc of docs) {
      if (!doc || !doc.fromMe || doc.status !== 'pending') continue; // sent or failed already
      // Claimed before (by this or another actor): it and the rest are left to a scan.
      if ((doc.attempts ?? 0) !== 0) {
        unclear = true;
        break;
      }
      ready.push(doc as Pending);
    }
    const attempted = await this.claimAndDeliver(ready);
    return unclear ? this.scanNext(attempted) : attempted;
  }

  /** The next round scans (oldest first): something pending is not known to be claimable by key. */
  private scanNext(attempted: number): number {
    this.caughtUpOn = null;
    this.again = true;
    return attempted;
  }

  /**
   * Claims `msgs` (in chunks of `claimBatch`, one request each) and hands the claimed ones to
   * their chats' lanes in order; returns how many were handed over. A chunk is claimed only once
   * fewer than two chunks' worth wait in the lanes, so a long backlog is not claimed far ahead of
   * its sending. If the socket closes, the claims of what was not sent are given back and the
   * caller's next scan (on the next socket) finds them.
   */
  private async claimAndDeliver(msgs: Pending[]): Promise<number> {
    let attempted = 0;
    const chunk = this.opts.claimBatch ?? 16;
    for (let i = 0; i < msgs.length; i += chunk) {
      await this.lanes.below(2 * chunk);
      if (!this.opts.sock()) return this.lostSocket(attempted);
      const claimed = await claimAll(msgs.slice(i, i + chunk), this.opts.fence);
      for (const msg of claimed) this.dispatch(msg);
      attempted += claimed.length;
    }
    return attempted;
  }

  /**
   * Sends a claimed message in its chat's lane, on the socket open when its turn comes; with
   * none open, its claim is given back for the next scan.
   */
  private dispatch(msg: Pending): void {
    this.lanes.run(msg.chatId, msg.messageId, async () => {
      try {
        const sock = this.opts.sock();
        if (!sock) {
          await releaseClaims([msg], this.opts.fence);
          this.lostSocket(0);
          return;
        }
        await this.deliver(sock, msg);
      } catch (err) {
        // Recording a failure failed (the database dropped the write): the loop decides.
        this.caughtUpOn = null;
        this.laneError ??= err;
      }
    });
  }

  /** Resolves when the lanes are idle or another flush is asked for, whichever comes first. */
  private lanesOrWake(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      void this.lanes.idle().then(resolve);
    }).finally(() => {
      this.wake = () => undefined;
    });
  }

  private throwLaneError(): void {
    const err = this.laneError;
    this.laneError = null;
    if (err) throw err;
  }

  private lostSocket(attempted: number): number {
    this.caughtUpOn = null;
    return attempted;
  }

  private async round(): Promise<number> {
    const { sessionId } = this.opts;
    let attempted = 0;
    const skip = new Set<string>();
    // The scan finds whatever was hinted before it.
    this.hinted.clear();
    this.caughtUpOn = null;
    for (;;) {
      const current = this.opts.sock();
      if (!current) return attempted;
      // Messages written to this socket and not acked yet are in flight, not lost.
      const exclude = [...skip, ...this.acks.inFlight(current), ...this.sent.recording, ...this.lanes.pending];
      const limit = this.opts.batchSize ?? 50;
      const batch = (await Message.find({ sessionId, status: 'pending', fromMe: true, messageId: { $nin: exclude } })
        .sort({ timestamp: 1, _id: 1 })
        .limit(limit)
        .lean()) as Pending[];
      if (batch.length === 0) return this.caughtUp(current, attempted);
      const claimable: Pending[] = [];
      for (const msg of batch) {
        skip.add(msg.messageId);
        if ((msg.attempts ?? 0) >= (this.opts.maxClaims ?? 10)) {
          // Earlier runs claimed it this often without finishing (e.g. the actor died mid-send).
          await this.fail(msg, `gave up after ${msg.attempts} attempts`);
        } else claimable.push(msg);
      }
      attempted += await this.claimAndDeliver(claimable);
      if (!this.opts.sock()) return attempted;
      // A short batch was everything pending when it was read; what was accepted since then
      // asked for a flush (`again`), so asking the database once more would only find nothing
      // (on the embedded database that is a scan of the messages: issue 13).
      if (batch.length < limit) return this.caughtUp(current, attempted);
    }
  }

  /** A scan read everything pending on `sock`: hints may be claimed by key until something is left behind. */
  private caughtUp(sock: WASocket, attempted: number): number {
    if (this.opts.sock() === sock && !this.retryLater) this.caughtUpOn = sock;
    return attempted;
  }

  private async deliver(sock: WASocket, msg: Pending): Promise<void> {
    let settle: (sent: proto.IMessage | null) => void = () => undefined;
    const sent = new Promise<proto.IMessage | null>((resolve) => (settle = resolve));
    try {
      const jid = toRecipientJid(msg.chatId);
      if (this.opts.blocked?.(jid)) throw blockedRefusal();
      const { content, options } = await buildContent(msg as never, jid, this.contentDeps);
      const recipients = jid.endsWith('@g.us') && this.opts.groupRecipients ? await this.opts.groupRecipients(jid, msg.messageId) : null;
      // Expected before the write: the ack may be handled before sendMessage resolves.
      this.acks.expect(sock, msg.messageId, { ...msg, content: sent, ...(recipients !== null ? { groupRecipients: recipients } : {}) });
      this.written.add(msg.messageId);
      if (this.written.size > RECENT_SENDS) this.written.delete(this.written.values().next().value!);
      settle((await sock.sendMessage(jid, content, options))?.message ?? null);
    } catch (err) {
      settle(null);
      this.acks.cancel(msg.messageId);
      await this.failed(msg, groupRefusal(err, msg.chatId));
    }
  }

  private async failed(msg: Pending, err: unknown): Promise<void> {
    const code = (err as { code?: unknown }).code;
    const reason = err instanceof Error ? err.message : String(err);
    const attempts = (msg.attempts ?? 0) + 1;
    const verdict = classifySendError(err);
    // Whatever is left pending now, later sends must not be claimed by key past it: scan next.
    if (verdict !== 'permanent') this.caughtUpOn = null;
    if (verdict === 'transient') {
      // Not the message's fault: give the claim back (best effort, the database is flaky) so
      // a long outage never adds up to `maxClaims`, and try again later.
      this.opts.logger.warn({ messageId: msg.messageId, err }, isPassingServerFault(err) ? 'send deferred: WhatsApp fault, retrying later' : 'send deferred: database unavailable');
      this.retryLater = true;
      await Message.updateOne({ _id: msg._id, status: 'pending', attempts, ...fenceParts(this.opts.fence).filter }, { $inc: { attempts: -1 } }).catch(() => undefined);
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
  private async fail(msg: Pick<MessageDoc, '_id' | 'messageId' | 'chatId'>, reason: string, stored?: () => void): Promise<void> {
    // Fenced too: an older owner still running must not fail what the session's owner now sends.
    const res = await Message.updateOne({ _id: msg._id, status: 'pending', ...fenceParts(this.opts.fence).filter }, { $set: { status: 'failed', statusReason: reason.slice(0, 200) } });
    stored?.();
    if (res.modifiedCount === 1) {
      this.opts.emit({ type: 'message-status', messageId: msg.messageId, chatId: msg.chatId, status: 'failed', reason });
    }
  }

  private get maxAttempts(): number {
    return this.opts.maxAttempts ?? 3;
  }
}
