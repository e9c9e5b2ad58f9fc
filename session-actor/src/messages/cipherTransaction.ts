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

/**
 * Runs one Signal operation in the cipher transaction; resolves once its keys are stored, with
 * `riders` (if any) in the same request when the operation opened the transaction.
 */
export type CipherTransaction = <T>(work: () => Promise<T>, riders?: KeyRider[]) => Promise<T>;

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
 */
export function makeCipherTransaction(keys: SignalKeyStoreWithTransaction): CipherTransaction {
  return <T>(work: () => Promise<T>, riders: KeyRider[] = []): Promise<T> => {
    if (inCipher.getStore()) return work();
    return outsideAnyTransaction(() => withKeyRiders(riders, () => keys.transaction(() => inCipher.run(true, work), SIGNAL_TX)));
  };
}
