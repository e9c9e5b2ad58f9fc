import type { BinaryNode, WASocket } from '@whiskeysockets/baileys';

interface Awaiting<T> {
  sock: WASocket;
  item: T;
  /** Rejected by an error ack: not written again on this socket, no longer awaited. */
  rejected?: boolean;
}

/**
 * Messages written to a socket that WhatsApp has not acknowledged yet.
 *
 * Baileys' `sendMessage` resolves once the stanza is written to the socket; it never waits for
 * the server's `<ack class="message" id>` (wa-sim.md §4.4), and a stanza written just before the
 * connection dies (a SIGKILL, a reset) may never reach WhatsApp. The outbox therefore counts a
 * message as sent only on that ack, and sends a message again (same id, so the recipient shows
 * it once) when the socket it was written to is gone without an ack, like WhatsApp's own
 * clients resend unacknowledged messages after reconnecting.
 */
export class ServerAcks<T> {
  private readonly awaiting = new Map<string, Awaiting<T>>();
  private readonly bound = new WeakSet<WASocket>();
  private waiters: (() => void)[] = [];

  /**
   * The handlers run synchronously when the ack arrives, before Baileys' own events about it
   * (and any later stanza) are handled: `onAck` for a clean ack, `onReject` for an error ack.
   */
  constructor(private readonly handlers: { onAck(item: T): void; onReject(item: T, code: string): void }) {}

  /** Expects WhatsApp's ack of message `id` written to `sock`; call it before writing. */
  expect(sock: WASocket, id: string, item: T): void {
    this.bind(sock);
    this.awaiting.set(id, { sock, item });
  }

  /** Forgets a message whose write failed (it stays pending and is retried as usual). */
  cancel(id: string): void {
    this.awaiting.delete(id);
    this.wake();
  }

  /**
   * Ids awaiting an ack on `sock`: they must not be written again on it. Messages written to an
   * older socket are forgotten here, so the next flush sends them again.
   */
  inFlight(sock: WASocket): string[] {
    const ids: string[] = [];
    for (const [id, entry] of this.awaiting) {
      if (entry.sock === sock) ids.push(id);
      else this.awaiting.delete(id);
    }
    return ids;
  }

  private awaited(sock: WASocket): number {
    return this.inFlight(sock).filter((id) => !this.awaiting.get(id)?.rejected).length;
  }

  /** Resolves when nothing awaits an ack on `sock` any more, or after `timeoutMs`. */
  drained(sock: WASocket, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve();
      };
      const check = () => {
        if (this.awaited(sock) === 0) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  private bind(sock: WASocket): void {
    if (this.bound.has(sock)) return;
    this.bound.add(sock);
    sock.ws.on('CB:ack,class:message', (node: BinaryNode) => {
      const id = node.attrs.id;
      const entry = id ? this.awaiting.get(id) : undefined;
      if (!id || !entry || entry.sock !== sock || entry.rejected) return;
      if (node.attrs.error) {
        // Rejected: not written again on this socket (the owner decides what a rejection means).
        entry.rejected = true;
        this.handlers.onReject(entry.item, node.attrs.error);
      } else {
        this.awaiting.delete(id);
        this.handlers.onAck(entry.item);
      }
      this.wake();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
