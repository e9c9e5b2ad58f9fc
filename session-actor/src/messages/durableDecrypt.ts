import { BufferJSON, decodeMessageNode, type BinaryNode, type WASocket } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { Inbox } from './inbox.ts';

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
 */
export function makeDecryptionDurable(sock: WASocket, inbox: Inbox, logger: Logger): void {
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

  const record = async (ciphertext: Uint8Array, plaintext: Uint8Array) => {
    const origin = origins.get(ciphertext);
    const me = sock.authState.creds.me;
    if (!origin || !me?.id) {
      logger.warn('decrypted message without a known stanza; not recorded in the inbox');
      return;
    }
    const { fullMessage } = decodeMessageNode(origin.node, me.id, me.lid ?? '');
    if (!fullMessage.key.id) return;
    // A failure throws: the transaction rolls back, no receipt is sent and WhatsApp retries.
    await inbox.put({
      messageId: fullMessage.key.id,
      part: origin.part,
      key: JSON.stringify(fullMessage.key, BufferJSON.replacer),
      messageTimestamp: Number(fullMessage.messageTimestamp ?? 0),
      pushName: fullMessage.pushName ?? null,
      plaintext: Buffer.from(plaintext),
    });
  };

  // One transaction key for every cipher operation. Baileys keys its transactions by the jid
  // as written (`x@lid` when decrypting, `x:0@lid` or a PN when encrypting), so a send and a
  // receive on the same Signal session could run in two transactions that both read the
  // session record and the later commit would overwrite the earlier: a lost ratchet step,
  // then "No matching sessions" / Bad MAC on the next message.
  const inTx = <T>(work: () => Promise<T>) => keys.transaction(work, SIGNAL_TX);

  const decryptMessage = repo.decryptMessage.bind(repo);
  repo.decryptMessage = (opts) =>
    inTx(async () => {
      const plaintext = await decryptMessage(opts);
      await record(opts.ciphertext, plaintext);
      return plaintext;
    });
  const decryptGroupMessage = repo.decryptGroupMessage.bind(repo);
  repo.decryptGroupMessage = (opts) =>
    inTx(async () => {
      const plaintext = await decryptGroupMessage(opts);
      await record(opts.msg, plaintext);
      return plaintext;
    });
  // Every other repository method that opens a transaction of its own (sessions from pre-key
  // bundles, PN→LID migration, deletion, sender keys) joins the same serial order.
  for (const name of TX_METHODS) {
    const original = (repo[name] as (...args: unknown[]) => Promise<unknown>).bind(repo);
    (repo as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => inTx(() => original(...args));
  }
}

const TX_METHODS = [
  'encryptMessage',
  'encryptGroupMessage',
  'processSenderKeyDistributionMessage',
  'injectE2ESession',
  'deleteSession',
  'migrateSession',
] as const;

/** The transaction key that serialises all Signal cipher operations of one socket. */
const SIGNAL_TX = 'signal-cipher';
