import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A document that rides on the next Signal key commit of the current operation: written in the
 * same request as the keys, before them (issue 13: the durable inbox entry of a decrypted message
 * costs no request of its own). Stored in the key collection, as a key of its own `type`.
 */
export interface KeyRider {
  type: string;
  id: string;
  /** Written as the key's `data`. */
  data: string;
  /** Set once a key commit stored it. */
  written: boolean;
}

/** The key type of durable inbox entries (messages/inbox.ts): never a Signal key, kept on logout. */
export const INBOX_KEY_TYPE = 'inbox';

const riders = new AsyncLocalStorage<KeyRider[]>();

/**
 * Runs `work` with `list` as the riders that key commits made inside it write with their keys
 * (Baileys' transaction commit runs in the context of the operation that opened it).
 */
export function withKeyRiders<T>(list: KeyRider[], work: () => Promise<T>): Promise<T> {
  return riders.run(list, work);
}

/** Riders of the current context that no key commit has stored yet (none outside withKeyRiders). */
export function pendingRiders(): KeyRider[] {
  return riders.getStore()?.filter((r) => !r.written) ?? [];
}
