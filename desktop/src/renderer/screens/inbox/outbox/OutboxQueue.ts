/**
 * The offline outbox: every reply is stored first (with its clientId), then sent one at a time
 * in the order typed. A failure to reach the server keeps the item queued and stops the line
 * (so later replies cannot overtake it) until the connection returns or a backoff timer fires;
 * a refusal by the server (4xx) marks that item failed with the reason and the line moves on.
 * Because the gateway accepts a clientId once, an attempt whose answer was lost is harmless:
 * the contact receives each reply exactly once.
 */
import type { OutboxItem, OutboxStore, SentReceipt } from './types.ts';

/** Error thrown by `send` (the REST client's ApiError has these fields). */
export interface SendError {
  status: number;
  code: string;
  message: string;
}

/** Options of the queue. */
export interface OutboxQueueOptions {
  store: OutboxStore;
  /** Sends one item; resolves with the server's receipt, rejects with a SendError. */
  send(item: OutboxItem): Promise<SentReceipt>;
  /** Called after every change with the items still in the outbox (oldest first). */
  onChange?(items: OutboxItem[]): void;
  /** Called when the server accepted an item (it has left the outbox). */
  onSent?(item: OutboxItem, receipt: SentReceipt): void;
  /**
   * Called when the queue stops sending: 'empty' (nothing left to send), or 'waiting' (the
   * server cannot be reached; a retry is scheduled or a kick() will resume).
   */
  onIdle?(reason: 'empty' | 'waiting'): void;
  /** Timer (injectable for tests). */
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
  now?(): number;
  /** Backoff bounds for retries while unreachable. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** True when the failure means "try again later" rather than "the server refused this". */
export function isRetryable(err: unknown): boolean {
  const e = err as Partial<SendError> | undefined;
  const status = typeof e?.status === 'number' ? e.status : 0;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The outbox queue. */
export class OutboxQueue {
  private items: OutboxItem[] = [];
  private running = false;
  /** A kick arrived while a drain was running: drain once more when it ends. */
  private rerun = false;
  private timer: unknown = null;
  private delay: number;
  private readonly o: Required<Pick<OutboxQueueOptions, 'setTimer' | 'clearTimer' | 'now' | 'minDelayMs' | 'maxDelayMs'>> & OutboxQueueOptions;

  constructor(opts: OutboxQueueOptions) {
    this.o = {
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
      minDelayMs: 1000,
      maxDelayMs: 30_000,
      ...opts,
    };
    this.delay = this.o.minDelayMs;
  }

  /** Loads what a previous run left (an item caught mid-send is queued again) and starts sending. */
  async load(): Promise<void> {
    const stored = await this.o.store.all();
    this.items = stored.map((i) => (i.state === 'sending' ? { ...i, state: 'queued' as const } : i)).sort((a, b) => a.createdAt - b.createdAt);
    this.changed();
    this.kick();
  }

  /** The items still in the outbox, oldest first. */
  list(): OutboxItem[] {
    return [...this.items];
  }

  /** Stores a new reply and tries to send it. */
  async enqueue(input: Omit<OutboxItem, 'state' | 'attempts' | 'createdAt'> & { createdAt?: number }): Promise<OutboxItem> {
    const item: OutboxItem = { ...input, createdAt: input.createdAt ?? this.o.now(), state: 'queued', attempts: 0 };
    await this.o.store.put(item);
    this.items = [...this.items, item].sort((a, b) => a.createdAt - b.createdAt);
    this.changed();
    this.kick();
    return item;
  }

  /** Puts a failed item back in line. */
  async retry(clientId: string): Promise<void> {
    await this.update(clientId, (i) => {
      const { error: _error, ...rest } = i;
      return { ...rest, state: 'queued' };
    });
    this.kick();
  }

  /** Removes an item without sending it. */
  async discard(clientId: string): Promise<void> {
    await this.o.store.remove(clientId);
    this.items = this.items.filter((i) => i.clientId !== clientId);
    this.changed();
  }

  /** The connection may be back: try now (resets the backoff). */
  kick(): void {
    if (this.timer !== null) {
      this.o.clearTimer(this.timer);
      this.timer = null;
    }
    this.delay = this.o.minDelayMs;
    void this.drain();
  }

  /** Stops the retry timer (the queue can be used again with kick()). */
  stop(): void {
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    let reason: 'empty' | 'waiting' = 'empty';
    try {
      for (;;) {
        const next = this.items.find((i) => i.state === 'queued');
        if (!next) return;
        await this.update(next.clientId, (i) => ({ ...i, state: 'sending', attempts: i.attempts + 1 }));
        const current = this.items.find((i) => i.clientId === next.clientId);
        if (!current) continue;
        try {
          const receipt = await this.o.send(current);
          await this.o.store.remove(current.clientId);
          this.items = this.items.filter((i) => i.clientId !== current.clientId);
          this.changed();
          this.o.onSent?.(current, receipt);
          this.delay = this.o.minDelayMs;
        } catch (err) {
          if (isRetryable(err)) {
            await this.update(current.clientId, (i) => ({ ...i, state: 'queued' }));
            this.schedule();
            reason = 'waiting';
            return;
          }
          const e = err as Partial<SendError>;
          await this.update(current.clientId, (i) => ({ ...i, state: 'failed', error: { code: e.code ?? 'send_failed', message: e.message ?? 'The server refused the message' } }));
        }
      }
    } finally {
      this.running = false;
      if (this.rerun) {
        this.rerun = false;
        this.stop();
        void this.drain();
      } else this.o.onIdle?.(reason);
    }
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = this.delay;
    this.delay = Math.min(this.o.maxDelayMs, this.delay * 2);
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      void this.drain();
    }, wait);
  }

  private async update(clientId: string, fn: (i: OutboxItem) => OutboxItem): Promise<void> {
    const at = this.items.findIndex((i) => i.clientId === clientId);
    if (at < 0) return;
    const next = fn(this.items[at]!);
    await this.o.store.put(next);
    this.items = this.items.map((i) => (i.clientId === clientId ? next : i));
    this.changed();
  }

  private changed(): void {
    this.o.onChange?.(this.list());
  }
}
