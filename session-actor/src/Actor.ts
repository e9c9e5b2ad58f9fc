import { findSentContent } from './messages/sentContent.ts';
import type { WASocket } from '@whiskeysockets/baileys';
import {
  EXIT_CODES,
  eventEnvelope,
  readyEnvelope,
  type ActorCounters,
  type ActorEvent,
  type ActorInitConfig,
  type ExitCode,
} from '@switchboard/shared';
import type { Logger } from 'pino';
import { createSerialQueue } from './auth/serialQueue.ts';
import { EventBarriers } from './eventBarriers.ts';
import { openAuthState, type AuthHandle } from './auth/openAuthState.ts';
import { MediaRetries } from './media/mediaRetries.ts';
import { MediaSummaries } from './media/mediaSummaries.ts';
import { ChatStore } from './messages/chats.ts';
import { MessageClock } from './messages/messageTime.ts';
import { SessionMetrics } from './messages/sessionMetrics.ts';
import { Outbox } from './outbox/Outbox.ts';
import { adminsOnlyRefusal } from './outbox/sendErrors.ts';
import { openInbox, type Inbox } from './messages/inbox.ts';
import { forgetInBatches, type InboxForgetting } from './messages/inboxForgetting.ts';
import { bindSocketEvents } from './socketEvents.ts';
import { Blocklist } from './messages/blocklist.ts';
import { GroupDirectory } from './messages/groupDirectory.ts';
import { killBeforeStoreHook, type BeforeStoreHook } from './testHooks.ts';
import { Connection } from './whatsapp/Connection.ts';
import { createSocket } from './whatsapp/createSocket.ts';
import type { ClassifiedClose } from './whatsapp/disconnect.ts';
import { prepareTrust, type TlsTrust } from './whatsapp/trust.ts';
import type { ActorDeps } from './actorDeps.ts';

export type { ActorDeps } from './actorDeps.ts';

/** How long an actor stopping for a failed write waits for the writes queued behind it. */
const FAIL_STOP_WAIT_MS = 5_000;

/**
 * One WhatsApp session: auth state, the Baileys connection, persistence and the outbox.
 * States: opening auth → ready → connecting ⇄ qr → connected ⇄ reconnecting → (exit).
 */
export class Actor {
  readonly log: Logger;
  /** The session's logger without a module (Baileys and the outbox add their own). */
  private readonly base: Logger;
  readonly chats: ChatStore;
  /** Stamps incoming messages so a chat's burst keeps its order (messages/messageTime.ts). */
  private readonly messageClock = new MessageClock();
  readonly metrics: SessionMetrics;
  readonly outbox: Outbox;
  /** Media summaries for the MessageViews of `message` / `message-sent` events. */
  readonly media = new MediaSummaries();
  /** The groups' members as known: receipts, sends and the ticks of our group messages (groupDirectory.ts). */
  readonly groups = new GroupDirectory();
  /** The contacts the account blocked (messages/blocklist.ts): the outbox refuses sends to them. */
  readonly blocklist: Blocklist;
  readonly counters: ActorCounters = { messagesIn: 0, messagesOut: 0, eventsSent: 0, reconnects: 0, lastTrafficAt: null };
  /** Whether the events sent so far are stored by the supervisor (inbox entries wait for it). */
  readonly barriers: EventBarriers;
  currentQr: string | null = null;
  auth!: AuthHandle;
  /** Incoming media waiting for another download (created in start, with the TLS trust). */
  private mediaRetries!: MediaRetries;
  private tls: TlsTrust | undefined;
  private connection!: Connection;
  private readonly enqueue = createSerialQueue();
  private qrWaiters: ((qr: string) => void)[] = [];
  private retryTimer: NodeJS.Timeout | null = null;
  /** Outbox retries in a row that were deferred again (backoff exponent). */
  private outboxRetries = 0;
  private ending = false;
  /** Test-only fault hook (null unless init.testHooks asks for it). */
  private readonly beforeStore: BeforeStoreHook | null;
  /** The durable inbox and the deletion of its entries, one per actor whatever the socket. */
  private readonly inbox: Inbox;
  private readonly forgetting: InboxForgetting;

  constructor(private readonly deps: ActorDeps) {
    const { sessionId } = deps.config;
    this.base = deps.logger.child({ sessionId });
    this.log = this.base.child({ module: 'actor' });
    this.beforeStore = killBeforeStoreHook(deps.config, this.log);
    this.barriers = new EventBarriers((msg) => deps.send(msg));
    this.blocklist = new Blocklist(sessionId);
    this.chats = new ChatStore(sessionId, (lid, pnJid) => this.blocklist.renamed(lid, pnJid));
    this.inbox = openInbox(sessionId);
    this.forgetting = forgetInBatches(this.inbox, (task) => void this.enqueue(task).catch((err: unknown) => this.onWriteError(err)));
    this.metrics = new SessionMetrics(sessionId);
    this.outbox = new Outbox({
      sessionId,
      logger: this.base.child({ module: 'outbox' }),
      chats: this.chats,
      metrics: this.metrics,
      media: this.media,
      emit: (e) => this.emit(e),
      enqueue: (task) => this.enqueue(task),
      sock: () => this.openSocket,
      ...(deps.config.fence !== undefined ? { fence: deps.config.fence } : {}),
      blocked: (jid) => this.blocklist.has(jid),
      groupRecipients: async (jid, messageId) => {
        if (await this.groups.onlyAdminsSend(this.openSocket, jid)) throw adminsOnlyRefusal();
        const members = await this.groups.size(this.openSocket, jid);
        if (members !== null) this.groups.sentTo(messageId, members);
        return members;
      },
      onSent: () => {
        this.counters.messagesOut += 1;
      },
    });
  }

  get config(): ActorInitConfig {
    return this.deps.config;
  }

  /** The socket when the connection is open, else null. */
  get openSocket(): WASocket | null {
    return this.connection?.openSocket ?? null;
  }

  /** Dispatcher trusting WA_CA_CERT for downloads, when one is configured. */
  get tlsDispatcher() {
    return this.tls?.dispatcher;
  }

  /** The current socket (open or still connecting). */
  get socket(): WASocket | null {
    return this.connection?.socket ?? null;
  }

  /** Opens the auth state, reports `ready`, then connects to WhatsApp. */
  async start(): Promise<void> {
    this.tls = await prepareTrust(this.config.wa);
    this.auth = await openAuthState(this.config, this.deps.credsRetry, (reason) => this.fenced(reason));
    await this.blocklist.load();
    this.mediaRetries = new MediaRetries({
      sessionId: this.config.sessionId,
      logger: this.base.child({ module: 'media-retries' }),
      media: this.media,
      emit: (e) => this.emit(e),
      sock: () => this.openSocket,
      enqueue: (task) => this.enqueue(task),
      ...(this.tls ? { dispatcher: this.tls.dispatcher } : {}),
      ...(this.deps.mediaRetry ? { policy: this.deps.mediaRetry } : {}),
    });
    this.connection = new Connection({
      logger: this.log,
      createSocket: () =>
        createSocket({
          auth: this.auth,
          logger: this.base,
          syncHistory: this.config.preloadChats.limit > 0,
          getMessage: (key) => findSentContent(this.config.sessionId, key),
          // Sends to a group take the members already known (one question per group, not per send).
          cachedGroupMetadata: (jid) => this.groups.metadata(this.socket, jid).then((meta) => meta ?? undefined),
          ...(this.config.wa.websocketUrl ? { websocketUrl: this.config.wa.websocketUrl } : {}),
          ...(this.tls ? { tls: this.tls } : {}),
        }),
      listener: this.listener(),
      backoff: this.deps.backoff ?? { baseMs: 1000, capMs: 60_000, maxAttempts: 10 },
      watchdogMs: this.deps.watchdogMs ?? 90_000,
    });
    this.deps.send(readyEnvelope());
    this.connection.connect();
  }

  /** Publishes an event to the supervisor. */
  emit(event: ActorEvent): void {
    this.counters.eventsSent += 1;
    this.deps.send(eventEnvelope(event));
  }

  /** Resolves with the current QR, or the next one (for pairing codes, which need a QR first). */
  waitForQr(timeoutMs: number): Promise<string> {
    if (this.currentQr) return Promise.resolve(this.currentQr);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No QR was shown in time')), timeoutMs);
      this.qrWaiters.push((qr) => {
        clearTimeout(timer);
        resolve(qr);
      });
    });
  }

  /**
   * Delivers pending outbox messages now (when open) and schedules a retry after transient
   * failures. `hinted`: ids the hub just stored (see Outbox.flush).
   */
  async flushOutbox(hinted: string[] = []): Promise<number> {
    const attempted = await this.outbox.flush(hinted);
    if (!this.outbox.retryLater) this.outboxRetries = 0;
    else if (!this.retryTimer && !this.ending) {
      const base = this.deps.outboxRetryMs ?? 5000;
      const delayMs = Math.min(base * 12, base * 2 ** this.outboxRetries);
      this.outboxRetries += 1;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.flushOutbox().catch((err: unknown) => this.log.error({ err }, 'outbox retry failed'));
      }, delayMs);
      this.retryTimer.unref();
    }
    return attempted;
  }

  /** Graceful stop: let the outbox finish, close the socket without logging out, exit NORMAL. */
  async shutdown(reason = 'shutdown'): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.mediaRetries?.stop();
    await this.outbox.flush().catch(() => 0);
    // Messages without WhatsApp's ack would be sent again (same id) by the next actor.
    await this.outbox.drained(this.deps.ackGraceMs ?? 2000);
    await this.connection?.stop();
    // Inbox entries of messages just announced are deleted once the supervisor confirms the
    // announcement is stored; without the wait, the next actor would announce them again.
    await this.barriers.answered(this.deps.ackGraceMs ?? 2000);
    this.forgetting.close();
    await this.persisted();
    await this.metrics.flush().catch(() => undefined);
    this.deps.exit(EXIT_CODES.NORMAL, reason);
  }

  /** Resolves once every persistence task queued so far has run. */
  persisted(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /** Ends the actor with a terminal code after the pending writes are done. */
  private async terminate(code: ExitCode, reason: string): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.mediaRetries?.stop();
    this.forgetting.close();
    await this.persisted();
    await this.metrics.flush().catch(() => undefined);
    this.deps.exit(code, reason);
  }

  private listener() {
    return {
      onSocket: (sock: WASocket) =>
        bindSocketEvents(sock, {
          sessionId: this.config.sessionId,
          logger: this.log,
          chats: this.chats,
          metrics: this.metrics,
          media: this.media,
          preload: this.config.preloadChats,
          emit: (e) => this.emit(e),
          eventsStored: () => this.barriers.stored(),
          onAnnouncementLost: (messageId) => {
            // Clients would never hear of it: stop, so the next actor replays and announces it.
            this.log.error({ messageId }, 'a message announcement was not stored, stopping');
            void this.failStop('a message announcement was not stored');
          },
          sock: () => this.socket,
          ...(this.tls ? { dispatcher: this.tls.dispatcher } : {}),
          mediaRetries: this.mediaRetries,
          messageClock: this.messageClock,
          groups: this.groups,
          blocklist: this.blocklist,
          enqueue: (task) => {
            this.enqueue(task).catch((err: unknown) => this.onWriteError(err));
          },
          saveCreds: () => this.saveCreds(),
          onTraffic: () => {
            this.counters.lastTrafficAt = Date.now();
          },
          onStored: (fromMe) => {
            if (!fromMe) this.counters.messagesIn += 1;
          },
          beforeStore: this.beforeStore,
          keysInDatabase: this.config.authStorage !== 'file',
          inbox: this.inbox,
          forgetting: this.forgetting,
          isOwnSend: (messageId) => this.outbox.isOwnSend(messageId),
        }),
      onConnecting: () => this.emit({ type: 'connection-state', status: 'connecting' }),
      onQr: (qr: string) => this.onQr(qr),
      onOpen: (sock: WASocket) => this.onOpen(sock),
      onRetry: (close: ClassifiedClose, delayMs: number | null) => this.onRetry(close, delayMs),
      onTerminal: (close: ClassifiedClose) => this.onTerminal(close),
    };
  }

  private onQr(qr: string): void {
    this.currentQr = qr;
    for (const w of this.qrWaiters.splice(0)) w(qr);
    this.emit({ type: 'qr', qr });
    this.emit({ type: 'connection-state', status: 'qr' });
  }

  private onOpen(sock: WASocket): void {
    this.currentQr = null;
    this.counters.lastTrafficAt = Date.now();
    const me = sock.user;
    const creds = this.auth.state.creds;
    this.log.info('connection open');
    this.emit({
      type: 'connection-state',
      status: 'connected',
      ...(me?.id ? { me: { id: me.id, ...(me.lid ? { lid: me.lid } : {}), ...(me.name ? { name: me.name } : {}) } } : {}),
    });
    const device = { platform: creds.platform ?? null, pushName: me?.name ?? null, browser: 'Switchboard (Ubuntu)' };
    this.metrics.set({ device, 'metrics.lastDisconnectCause': null }).catch((err: unknown) => this.onWriteError(err));
    this.flushOutbox().catch((err: unknown) => this.log.error({ err }, 'outbox flush failed'));
    this.mediaRetries.kick();
  }

  private onRetry(close: ClassifiedClose, delayMs: number | null): void {
    if (delayMs === null) {
      this.log.warn({ cause: close.cause }, 'reconnect attempts exhausted');
      void this.terminate(EXIT_CODES.CRASH, `reconnect attempts exhausted (${close.cause})`);
      return;
    }
    this.counters.reconnects += 1;
    this.emitClosed(close, close.action === 'restart-now' ? 'connecting' : 'reconnecting');
    this.metrics
      .set({ 'metrics.lastDisconnectCause': close.cause })
      .then(() => this.metrics.count({ connectionAttempts: 1 }, false))
      .catch((err: unknown) => this.onWriteError(err));
  }

  /** Publishes the state a close leads to, with its classified cause. */
  private emitClosed(close: ClassifiedClose, status: 'connecting' | 'reconnecting' | 'replaced' | 'logged_out'): void {
    this.emit({
      type: 'connection-state',
      status,
      cause: close.cause,
      ...(close.statusCode !== undefined ? { statusCode: close.statusCode } : {}),
      message: close.message,
    });
  }

  private onTerminal(close: ClassifiedClose): void {
    const status = close.action === 'replaced' ? 'replaced' : 'logged_out';
    this.emitClosed(close, status);
    if (status === 'replaced') {
      void this.terminate(EXIT_CODES.REPLACED, 'connection replaced');
      return;
    }
    // Logged out: the credentials are useless now; wipe them (explicitly, never on a transient error).
    this.enqueue(() => this.auth.clear())
      .catch((err: unknown) => this.log.error({ err }, 'clearing credentials failed'))
      .finally(() => void this.terminate(EXIT_CODES.LOGGED_OUT, 'logged out'));
  }

  /**
   * Persists the credentials Baileys just changed. The auth state retries transient faults;
   * when it gives up, memory is ahead of the database: stop (PERSISTENCE_FAILED, a crash to the
   * restart policy) so the next actor starts from what is stored, rather than carry on.
   */
  private async saveCreds(): Promise<void> {
    try {
      await this.auth.saveCreds();
    } catch (err) {
      this.log.error({ err }, 'credentials not saved, stopping');
      void this.failStop(`credentials not saved: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  /** Stops at once after a write that must not be lost failed: no more traffic, then exit. */
  private async failStop(reason: string): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.mediaRetries?.stop();
    await this.connection?.stop().catch(() => undefined);
    this.forgetting.close();
    // Writes already queued may still land (the database may be back); not waited for long.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.persisted(),
      new Promise((resolve) => (timer = setTimeout(resolve, FAIL_STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    this.deps.exit(EXIT_CODES.PERSISTENCE_FAILED, reason);
  }

  /**
   * Cluster mode: a write was refused for a stale fencing token, so another node owns this
   * session now. Exits FENCED at once (the supervisor does not restart it): no graceful close,
   * no further writes.
   */
  private fenced(reason: string): void {
    this.log.warn({ reason }, 'fenced by a newer owner, stopping');
    this.ending = true;
    this.deps.exit(EXIT_CODES.FENCED, reason);
  }

  private onWriteError(err: unknown): void {
    this.log.error({ err }, 'persistence failed');
    this.metrics.error(`persistence failed: ${(err as Error)?.message ?? String(err)}`).catch(() => undefined);
  }
}
