import { AsyncLocalStorage } from 'node:async_hooks';
import type { SignalKeyStoreWithTransaction } from '@whiskeysockets/baileys';
import { withKeyRiders, type KeyRider } from '../auth/keyRiders.ts';

/** The transaction key that serialises all Signal cipher operations of one socket. */
export const SIGNAL_TX = 'signal-cipher';

/**
 * The execution context of this module's loading: no Baileys transaction is open there. Baileys
 * (`Utils/auth-utils.js` addTransactionCapability) finds an open transaction through an
 * AsyncLocalStorage of its own; running inside this snapshot hides it.
 */
const outsideAnyTransaction = AsyncLocalStorage.snapshot();

/** Marks the async work running inside our own cipher transaction (for nested calls). */
const inCipher = new AsyncLocalStorage<true>();

/** How a cipher operation is run. */
export interface CipherOptions {
  /** Written with the keys of the commit that stores this operation's (auth/keyRiders.ts). */
  riders?: KeyRider[];
  /**
   * Shares its commit with the operations that are ready at the same moment (group commit). For
   * encryptions and decryptions only, which store keys only once they succeed: a failed one
   * leaves nothing in the shared commit.
   */
  batch?: boolean;
}

/** Runs one Signal operation in the cipher transaction; resolves once its keys are stored. */
export type CipherTransaction = <T>(work: () => Promise<T>, options?: CipherOptions) => Promise<T>;

interface Queued {
  work: () => Promise<unknown>;
  riders: KeyRider[];
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Makes every Signal operation of a socket one committed step in one serial order.
 *
 * Baileys nests transactions by reusing an open one, and `relayMessage` (`Socket/messages-send.js`)
 * opens its own, keyed by our JID, around the encryption *and* the `sendNode` of a message. An
 * encryption joining it therefore (1) was not serialised with decryptions, which run under
 * another key: both read the same session record and the later commit silently dropped the
 * other's ratchet step or freshly opened session (the peer then saw Bad MAC / "No matching
 * sessions", we saw "Invalid PreKey ID"); and (2) was committed only after the stanza was on the
 * wire, so a SIGKILL in between made the next message reuse the same message key.
 *
 * Here a cipher operation started inside a foreign transaction leaves it: it runs in a fresh
 * transaction under `SIGNAL_TX`, whose keys Baileys commits (awaited) before the operation
 * resolves, so a ciphertext never leaves the process before the keys that produced it are
 * durable. Calls nested inside our own transaction join it, as Baileys would.
 *
 * Group commit (issue 13): a send encrypts for the contact's devices and for our own at the same
 * moment (`createParticipantNodes`, twice, in `Promise.all`), and each encryption used to commit
 * alone, one after the other. Batchable operations wait for the next turn of the event loop (or
 * for the running batch) and then run one after the other in one transaction: one commit, every
 * one of them resolved only after it.
 */
export function makeCipherTransaction(keys: SignalKeyStoreWithTransaction): CipherTransaction {
  const alone = <T>(work: () => Promise<T>, riders: KeyRider[]): Promise<T> =>
    outsideAnyTransaction(() => withKeyRiders(riders, () => keys.transaction(() => inCipher.run(true, work), SIGNAL_TX)));

  let waiting: Queued[] = [];
  let busy = false;
  const runBatch = async (): Promise<void> => {
    busy = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const outcomes: { ok: boolean; value: unknown }[] = [];
      const riders: KeyRider[] = [];
      try {
        await alone(async () => {
          for (const op of batch) {
            try {
              outcomes.push({ ok: true, value: await op.work() });
              riders.push(...op.riders);
            } catch (err) {
              outcomes.push({ ok: false, value: err });
            }
          }
        }, riders);
        batch.forEach((op, i) => (outcomes[i]!.ok ? op.resolve(outcomes[i]!.value) : op.reject(outcomes[i]!.value)));
      } catch (err) {
        // The commit failed: nothing of the batch is stored.
        for (const op of batch) op.reject(err);
      }
    }
    busy = false;
  };

  return <T>(work: () => Promise<T>, options: CipherOptions = {}): Promise<T> => {
    if (inCipher.getStore()) return work();
    if (!options.batch) return alone(work, options.riders ?? []);
    return new Promise<T>((resolve, reject) => {
      waiting.push({ work, riders: options.riders ?? [], resolve: resolve as (value: unknown) => void, reject });
      // Operations started in the same turn (a send's encryptions) join before the batch runs.
      if (!busy) {
        busy = true;
        setImmediate(() => void runBatch());
      }
    });
  };
}
