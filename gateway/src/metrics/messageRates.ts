/**
 * Messages per minute for the dashboard, counted in memory from the hub's events (so: since
 * this node started). From: actor → Supervisor's EventLog → hub.subscribe → here → next:
 * GET /api/admin/dashboard (`rates`).
 */
import type { RatePoint, SessionHub } from '@switchboard/shared';

const MINUTE_MS = 60_000;

/** Minutes of traffic kept and reported (the last hour). */
export const RATE_MINUTES = 60;

/**
 * Received and sent counters per minute over a sliding window, in a ring of `size` slots
 * (no allocation per message). Pure apart from the injected clock.
 */
export class MinuteBuckets {
  private readonly minuteOf: number[];
  private readonly received: number[];
  private readonly sent: number[];
  /** The messages counted, by id, and the minute each counted in (the window's only). */
  private readonly counted = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly size = RATE_MINUTES,
  ) {
    this.minuteOf = new Array<number>(size).fill(-1);
    this.received = new Array<number>(size).fill(0);
    this.sent = new Array<number>(size).fill(0);
  }

  /**
   * Counts one message in the minute of `at` (default: now; one later than now counts now, one
   * older than the window not at all). A message with an `id` counts once, however often it is
   * announced again (an edit, a vote, its media arriving).
   */
  add(direction: 'received' | 'sent', message: { id?: string; at?: number } = {}): void {
    const current = Math.floor(this.now() / MINUTE_MS) * MINUTE_MS;
    const minute = Math.min(current, Math.floor((message.at ?? this.now()) / MINUTE_MS) * MINUTE_MS);
    const oldest = current - (this.size - 1) * MINUTE_MS;
    if (minute < oldest) return;
    if (message.id !== undefined) {
      if (this.counted.has(message.id)) return;
      this.counted.set(message.id, minute);
    }
    const i = this.slot(minute);
    if (this.minuteOf[i] !== minute) {
      // The slot last held a minute that has left the window: start it afresh.
      this.minuteOf[i] = minute;
      this.received[i] = 0;
      this.sent[i] = 0;
      this.forgetBefore(oldest);
    }
    this[direction][i]! += 1;
  }

  /** Forgets the ids counted in minutes that left the window (an announcement of them counts nowhere now). */
  private forgetBefore(oldest: number): void {
    for (const [id, minute] of this.counted) if (minute < oldest) this.counted.delete(id);
  }

  /** The last `size` minutes, oldest first, ending with the current (partial) one; quiet minutes are 0. */
  series(): RatePoint[] {
    const current = Math.floor(this.now() / MINUTE_MS) * MINUTE_MS;
    const out: RatePoint[] = [];
    for (let back = this.size - 1; back >= 0; back--) {
      const minute = current - back * MINUTE_MS;
      const i = this.slot(minute);
      const held = this.minuteOf[i] === minute;
      out.push({ minute, received: held ? this.received[i]! : 0, sent: held ? this.sent[i]! : 0 });
    }
    return out;
  }

  private slot(minute: number): number {
    return Math.floor(minute / MINUTE_MS) % this.size;
  }
}

/** The gateway's message-rate tracker. */
export interface MessageRates {
  /** Messages per minute over the last hour, oldest first. */
  series(): RatePoint[];
  /** Stops listening to the hub. */
  close(): void;
}

/**
 * Counts the hub's messages per minute as the dashboard's *Mensajes hoy* counts them: each once,
 * in the minute of its time — received ones from `message` events, sent ones from `message-sent`
 * (sent from Switchboard, counted when WhatsApp took them) and from `message` events of the
 * account's own (written on the phone).
 */
export function trackMessageRates(hub: Pick<SessionHub, 'subscribe'>, now: () => number): MessageRates {
  const buckets = new MinuteBuckets(now);
  const unsubscribe = hub.subscribe((e) => {
    if (e.type === 'message') buckets.add(e.message.fromMe ? 'sent' : 'received', { id: `${e.sessionId}\n${e.message.id}`, at: e.message.timestamp });
    else if (e.type === 'message-sent') buckets.add('sent', { id: `${e.sessionId}\n${e.message.id}` });
  });
  return { series: () => buckets.series(), close: unsubscribe };
}
