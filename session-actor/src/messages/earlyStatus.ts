import type { MessageStatus } from '@switchboard/shared';
import { canAdvance } from './status.ts';

/** How long, and how many, statuses of not-yet-stored messages are kept. */
const TTL_MS = 120_000;
const MAX = 1000;

/**
 * Statuses that arrived for an outgoing message before the message itself was stored.
 *
 * A message the owner writes on the phone reaches us as a self-sync copy (a `fromMe` upsert),
 * and the contact's delivery receipt for it may come right behind. Baileys 7.0.0-rc14 handles
 * `<message>` and `<receipt>` stanzas concurrently (`Socket/messages-recv.js`, separate mutexes),
 * and decrypting takes longer, so `messages.update` can be emitted before `messages.upsert`:
 * the status then finds nothing to update. It waits here (bounded, for `TTL_MS`) and is applied
 * once the message is stored (ingest.ts). Receipts for messages never stored simply expire.
 */
export class EarlyStatuses {
  private readonly byKey = new Map<string, { status: MessageStatus; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps `status` for a message not stored yet; of several, the most advanced one. */
  remember(sessionId: string, messageId: string, status: MessageStatus): void {
    const key = `${sessionId}|${messageId}`;
    const kept = this.byKey.get(key);
    if (kept && this.now() - kept.at <= TTL_MS && !canAdvance(kept.status, status)) return;
    this.byKey.delete(key);
    this.byKey.set(key, { status, at: this.now() });
    for (const [k, v] of this.byKey) {
      if (this.byKey.size <= MAX && this.now() - v.at <= TTL_MS) break;
      this.byKey.delete(k);
    }
  }

  /** Returns and forgets the status kept for a message, if any and not expired. */
  take(sessionId: string, messageId: string): MessageStatus | undefined {
    const key = `${sessionId}|${messageId}`;
    const hit = this.byKey.get(key);
    this.byKey.delete(key);
    return hit && this.now() - hit.at <= TTL_MS ? hit.status : undefined;
  }

  /** Number of statuses kept (for tests). */
  get size(): number {
    return this.byKey.size;
  }
}

/** The process-wide store (an actor process serves one session; keys carry the session id anyway). */
export const earlyStatuses = new EarlyStatuses();
