import type { ConnectionState, WASocket } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { createBackoff, type BackoffOptions } from './backoff.ts';
import { classifyClose, type ClassifiedClose } from './disconnect.ts';

/** What the connection reports to its owner (the Actor). */
export interface ConnectionListener {
  /** A fresh socket exists: bind the non-connection events (messages, creds...). */
  onSocket(sock: WASocket): void;
  onConnecting(): void;
  onQr(qr: string): void;
  onOpen(sock: WASocket): void;
  /** A transient close; `delayMs` null means the retries are exhausted. */
  onRetry(close: ClassifiedClose, delayMs: number | null): void;
  /** A terminal close (logged out, replaced). */
  onTerminal(close: ClassifiedClose): void;
}

/** Connection settings. */
export interface ConnectionOptions {
  logger: Logger;
  createSocket(): WASocket;
  listener: ConnectionListener;
  backoff: BackoffOptions;
  /** Give up on a connect that shows neither a QR nor `open` in this time (ms). */
  watchdogMs: number;
}

/**
 * Owns the Baileys socket lifecycle inside the actor: Baileys never reconnects by itself, so
 * every close is classified here and either retried (515 at once; 408/428/500/503/... with
 * exponential backoff and full jitter) or reported as terminal. A watchdog ends connects that
 * hang (an HTTP upgrade that is rejected leaves Baileys waiting forever, wa-sim.md §7).
 */
export class Connection {
  private sock: WASocket | null = null;
  private isOpen = false;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly backoff;

  constructor(private readonly opts: ConnectionOptions) {
    this.backoff = createBackoff(opts.backoff);
  }

  /** The socket when open, else null. */
  get openSocket(): WASocket | null {
    return this.isOpen ? this.sock : null;
  }

  /** The current socket, open or not. */
  get socket(): WASocket | null {
    return this.sock;
  }

  /** Creates a socket and starts listening to its connection updates. */
  connect(): void {
    if (this.stopping) return;
    this.clearTimers();
    let sock: WASocket;
    try {
      sock = this.opts.createSocket();
    } catch (err) {
      this.opts.logger.error({ err }, 'socket creation failed');
      this.sock = null;
      this.onClose(err);
      return;
    }
    this.sock = sock;
    this.isOpen = false;
    this.armWatchdog(sock);
    this.opts.listener.onSocket(sock);
    sock.ev.on('connection.update', (update) => this.onUpdate(sock, update));
  }

  /** Ends the socket without logging out; nothing reconnects afterwards. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    const sock = this.sock;
    this.isOpen = false;
    // Awaited so the WebSocket close handshake completes before the process exits: WhatsApp
    // then queues new messages for the next login instead of writing to a dying socket.
    if (sock) await sock.end(undefined);
  }

  private onUpdate(sock: WASocket, update: Partial<ConnectionState>): void {
    if (sock !== this.sock) return; // a late event of a replaced socket
    if (update.qr) {
      this.disarmWatchdog();
      this.backoff.reset(); // showing a QR means the connection itself is healthy
      this.opts.listener.onQr(update.qr);
    }
    if (update.connection === 'connecting') this.opts.listener.onConnecting();
    if (update.connection === 'open') {
      this.disarmWatchdog();
      this.isOpen = true;
      this.backoff.reset();
      this.opts.listener.onOpen(sock);
    }
    if (update.connection === 'close') this.onClose(update.lastDisconnect?.error);
  }

  private onClose(error: unknown): void {
    this.isOpen = false;
    this.disarmWatchdog();
    const close = classifyClose(error, this.stopping);
    this.opts.logger.info({ cause: close.cause, statusCode: close.statusCode, action: close.action }, 'connection closed');
    switch (close.action) {
      case 'stopped':
        return;
      case 'restart-now':
        this.opts.listener.onRetry(close, 0);
        this.connect();
        return;
      case 'reconnect': {
        const delayMs = this.backoff.next();
        this.opts.listener.onRetry(close, delayMs);
        if (delayMs !== null && !this.stopping) this.retryTimer = setTimeout(() => this.connect(), delayMs);
        return;
      }
      default:
        this.stopping = true;
        this.opts.listener.onTerminal(close);
    }
  }

  private armWatchdog(sock: WASocket): void {
    this.watchdog = setTimeout(() => {
      this.opts.logger.warn({ watchdogMs: this.opts.watchdogMs }, 'connect watchdog fired');
      const err = Object.assign(new Error('Connect watchdog timed out'), { output: { statusCode: 408 } });
      if (sock === this.sock) sock.end(err);
    }, this.opts.watchdogMs);
  }

  private disarmWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private clearTimers(): void {
    this.disarmWatchdog();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
