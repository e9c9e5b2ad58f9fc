import { barrierEnvelope, type BarrierEnvelope } from '@switchboard/shared';

/**
 * Asks the supervisor whether the events this actor sent are stored in its event log (a
 * barrier: envelope.ts). Calls in the same turn of the event loop share one barrier, sent on the
 * next turn, so a burst of messages costs one round trip.
 */
export class EventBarriers {
  private nextId = 1;
  private readonly waiting = new Map<number, (stored: boolean) => void>();
  private open: Promise<boolean> | null = null;
  private idlers: (() => void)[] = [];

  constructor(private readonly send: (msg: BarrierEnvelope) => void) {}

  /** Resolves with true once every event sent before this call is stored; false when one was dropped. */
  stored(): Promise<boolean> {
    if (this.open) return this.open;
    const id = this.nextId++;
    const answer = new Promise<boolean>((resolve) => this.waiting.set(id, resolve));
    this.open = answer;
    setImmediate(() => {
      this.open = null;
      this.send(barrierEnvelope(id));
    });
    return answer;
  }

  /** The supervisor's answer to barrier `id`. */
  done(id: number, stored: boolean): void {
    this.waiting.get(id)?.(stored);
    this.waiting.delete(id);
    if (this.waiting.size === 0) for (const idle of this.idlers.splice(0)) idle();
  }

  /** Resolves once every barrier asked so far is answered, or after `timeoutMs` (a graceful stop). */
  answered(timeoutMs: number): Promise<void> {
    if (this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idlers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Barriers not answered yet (a test's view). */
  get pending(): number {
    return this.waiting.size;
  }
}
