import { BufferJSON, decodeMessageNode, type BinaryNode, type WASocket } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { KeyRider } from '../auth/keyRiders.ts';
import { makeCipherTransaction } from './cipherTransaction.ts';
import type { Inbox } from './inbox.ts';
import { isolateSessionTrials } from './signalTrials.ts';

/** Where one ciphertext came from: its stanza and the index of its `<enc>` child. */
interface Origin {
  node: BinaryNode;
  part: number;
}

/**
 * Makes every decrypted incoming message durable before Baileys can receipt it.
 *
 * Baileys 7.0.0-rc14 (`Socket/messages-recv.js` handleMessage) decrypts, then sends the receipt,
 * then emits `messages.upsert` without awaiting listeners, so a SIGKILL after the receipt loses a
 * message WhatsApp will never redeliver. Decryption runs inside a key-store transaction whose
 * commit Baileys awaits before the receipt (`Signal/libsignal.js` decryptMessage,
 * `Utils/auth-utils.js` addTransactionCapability). We open that transaction ourselves (Baileys
 * reuses an enclosing one through AsyncLocalStorage), decrypt inside it, and write the plaintext
 * to the inbox before the transaction commits the advanced Signal keys. Hence:
 * - killed before the inbox write: neither keys nor receipt are written; WhatsApp redelivers and
 *   the old keys decrypt it again;
 * - killed after it: the message is in the inbox and is replayed on the next start, whatever
 *   happens to the redelivery (a redelivered copy is deduplicated on its message id).
 * With keys in the database the inbox part is written by the commit's own request, ahead of the
 * keys in one ordered write (issue 13: one request per incoming message, not two).
 */
export function makeDecryptionDurable(sock: WASocket, inbox: Inbox, logger: Logger, options: { joinKeyCommit: boolean }): void {
  // A failed try of one session must not corrupt it (see signalTrials.ts).
  isolateSessionTrials();
  const origins = new WeakMap<Uint8Array, Origin>();
  // prependListener: runs before Baileys' own handler, which decrypts only after awaiting.
  sock.ws.prependListener('CB:message', (node: BinaryNode) => {
    if (!Array.isArray(node.content)) return;
    node.content.forEach((child, part) => {
      if (child.tag === 'enc' && child.content instanceof Uint8Array) origins.set(child.content, { node, part });
    });
  });
  const repo = sock.signalRepository;
  const keys = sock.authState.keys;

  /** The inbox part of a decrypted ciphertext (null when its stanza is unknown). */
  const partOf = (ciphertext: Uint8Array, plaintext: Uint8Array) => {
    const origin = origins.get(ciphertext);
    const me = sock.authState.creds.me;
    if (!origin || !me?.id) {
      logger.warn('decrypted message without a known stanza; not recorded in the inbox');
      return null;
    }
    const { fullMessage } = decodeMessageNode(origin.node, me.id, me.lid ?? '');
    if (!fullMessage.key.id) return null;
    return {
      messageId: fullMessage.key.id,
      part: origin.part,
      key: JSON.stringify(fullMessage.key, BufferJSON.replacer),
      messageTimestamp: Number(fullMessage.messageTimestamp ?? 0),
      pushName: fullMessage.pushName ?? null,
      plaintext: Buffer.from(plaintext),
    };
  };

  // One committed transaction per cipher operation, all in one serial order (see
  // cipherTransaction.ts: Baileys' own send transaction would otherwise swallow encryptions).
  const inTx = makeCipherTransaction(keys);

  /**
   * Decrypts inside the cipher transaction and records the plaintext before the transaction
   * commits the advanced keys. With keys in the database, the inbox part rides on that commit
   * (one ordered request: the part, then the keys); a part no commit took (no key changed, or
   * the key store was wiped) is written on its own, still before Baileys can send the receipt.
   * With keys in files, the part is written inside the transaction, before the commit.
   * A failure throws: the transaction rolls back, no receipt is sent and WhatsApp retries.
   */
  const durably = async (ciphertext: Uint8Array, decrypt: () => Promise<Uint8Array>): Promise<Uint8Array> => {
    const riders: KeyRider[] = [];
    let part: ReturnType<typeof partOf> = null;
    const plaintext = await inTx(async () => {
      const decrypted = await decrypt();
      part = partOf(ciphertext, decrypted);
      if (part && options.joinKeyCommit) riders.push(...inbox.riders(part));
      else if (part) await inbox.put(part);
      return decrypted;
    }, { riders, batch: true });
    if (part && riders.some((r) => !r.written)) await inbox.put(part);
    return plaintext;
  };

  const decryptMessage = repo.decryptMessage.bind(repo);
  repo.decryptMessage = (opts) => durably(opts.ciphertext, () => decryptMessage(opts));
  const decryptGroupMessage = repo.decryptGroupMessage.bind(repo);
  repo.decryptGroupMessage = (opts) => durably(opts.msg, () => decryptGroupMessage(opts));
  // Every other repository method that reads or writes sessions (sessions from pre-key bundles,
  // PN→LID migration, deletion, sender keys, the validity checks of a send) joins the same order.
  for (const name of TX_METHODS) {
    const original = (repo[name] as (...args: unknown[]) => Promise<unknown>).bind(repo);
    (repo as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => inTx(() => original(...args), { batch: BATCHED.has(name) });
  }
}

/** Operations that store keys only once they succeed: they may share a commit (cipherTransaction.ts). */
const BATCHED: ReadonlySet<string> = new Set(['encryptMessage', 'encryptGroupMessage']);

const TX_METHODS = [
  'encryptMessage',
  'encryptGroupMessage',
  'getSenderKeyDistributionMessage',
  'processSenderKeyDistributionMessage',
  'injectE2ESession',
  'deleteSession',
  'migrateSession',
  'validateSession',
  'getSessionInfo',
] as const;
