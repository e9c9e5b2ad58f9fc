import { BufferJSON, cleanMessage, proto, unpadRandomMax16, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { AuthKey, authKeyId } from '@switchboard/shared/node';
import { INBOX_KEY_TYPE, type KeyRider } from '../auth/keyRiders.ts';

/** One decrypted part (one `<enc>` child) of an incoming message, stored before its receipt. */
export interface InboxPart {
  sessionId: string;
  messageId: string;
  /** Index of the `<enc>` child in the stanza (a group message may carry pkmsg + skmsg). */
  part: number;
  /** BufferJSON-encoded WAMessageKey. Never log. */
  key: string;
  messageTimestamp: number;
  pushName: string | null;
  /** Padded plaintext as returned by libsignal. Message body: never log. */
  plaintext: Buffer;
  createdAt: Date;
}

type NewPart = Omit<InboxPart, 'sessionId' | 'createdAt'>;

/** The inbox of one session: decrypted messages that are not yet stored as `Message`. */
export interface Inbox {
  /** Durably records one decrypted part; resolves only once the database has it. */
  put(entry: NewPart): Promise<void>;
  /**
   * The part as a rider of the Signal key commit under way (auth/keyRiders.ts): stored in the
   * same request as the keys that decrypted it, before them. One that no commit took must be
   * `put` before the receipt.
   */
  rider(entry: NewPart): KeyRider;
  /** Forgets messages once they are stored and announced (one request for all their parts). */
  done(messageIds: readonly string[]): Promise<void>;
  /** Messages left behind by a killed actor, rebuilt as Baileys would have emitted them. */
  leftovers(me: { id: string; lid?: string | undefined }): Promise<WAMessage[]>;
}

/** Where versions before issue 13's last pass kept the inbox; still read and emptied. */
const LEGACY_COLLECTION = 'inboxparts';

/** Messages rebuilt by `leftovers`: the ingest pipeline announces them even when already stored. */
const replayed = new WeakSet<WAMessage>();

/**
 * True for a message replayed from the inbox. Its entry outlived the actor that decrypted it, so
 * that actor may have stored the message and died before announcing it: the entry is deleted
 * only once the message is both stored and announced.
 */
export function isReplayed(msg: WAMessage): boolean {
  return replayed.has(msg);
}
/** A part as stored in the key collection's `data` (JSON; the plaintext in base64). */
interface StoredData {
  key: string;
  messageTimestamp: number;
  pushName: string | null;
  plaintext: string;
  createdAt: number;
}

const partKeyId = (messageId: string, part: number) => `${messageId}|${part}`;

/** The driver returns stored bytes as a BSON Binary, whose `buffer` holds exactly the bytes. */
function asBuffer(raw: Buffer | { buffer: Uint8Array }): Buffer {
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer);
}

/** Decodes the padded plaintexts of one message into a proto, merging parts like Baileys does. */
export function decodeParts(parts: Pick<InboxPart, 'part' | 'plaintext'>[]): proto.IMessage | null {
  let merged: proto.IMessage | null = null;
  for (const { plaintext } of [...parts].sort((a, b) => a.part - b.part)) {
    let msg: proto.IMessage = proto.Message.decode(unpadRandomMax16(new Uint8Array(plaintext)));
    msg = msg.deviceSentMessage?.message || msg;
    merged = merged ? Object.assign(merged, msg) : msg;
  }
  return merged;
}

/**
 * Opens the durable inbox of a session. Baileys sends the delivery receipt before it emits
 * `messages.upsert`, and WhatsApp forgets a message once it has the receipt: a part is stored
 * while the Signal transaction that decrypted it is still open, so a SIGKILL can never leave a
 * receipted message that is neither stored nor replayable.
 *
 * Parts live in the Signal key collection (`authkeys`, type `inbox`, id `<messageId>|<part>`) so
 * that, as riders, they are written by the request that commits the keys which decrypted them
 * (durableDecrypt.ts): one request per incoming message instead of two.
 */
export function openInbox(sessionId: string): Inbox {
  // Parts this process knows to be stored (put here, or found by leftovers), so `done` deletes
  // them by _id. A message with no known part has nothing stored: every part written before
  // this process started is returned by leftovers, which runs when the socket opens.
  const known = new Map<string, Set<number>>();
  const legacy = new Set<string>();
  const remember = (messageId: string, part: number) => known.set(messageId, (known.get(messageId) ?? new Set()).add(part));
  const dataOf = ({ key, messageTimestamp, pushName, plaintext }: NewPart): string =>
    JSON.stringify({ key, messageTimestamp, pushName, plaintext: plaintext.toString('base64'), createdAt: Date.now() } satisfies StoredData);
  return {
    async put(entry) {
      const id = partKeyId(entry.messageId, entry.part);
      await AuthKey.collection.replaceOne(
        { _id: authKeyId(sessionId, INBOX_KEY_TYPE, id) as never },
        { sessionId, type: INBOX_KEY_TYPE, id, data: dataOf(entry), updatedAt: new Date() },
        { upsert: true },
      );
      remember(entry.messageId, entry.part);
    },
    rider(entry) {
      // Remembered now: deleting a part that was never written deletes nothing.
      remember(entry.messageId, entry.part);
      return { type: INBOX_KEY_TYPE, id: partKeyId(entry.messageId, entry.part), data: dataOf(entry), written: false };
    },
    async done(messageIds) {
      const ops = messageIds.flatMap((messageId) =>
        [...(known.get(messageId) ?? [])].map((part) => ({ deleteOne: { filter: { _id: authKeyId(sessionId, INBOX_KEY_TYPE, partKeyId(messageId, part)) as never } } })),
      );
      if (ops.length) await AuthKey.collection.bulkWrite(ops, { ordered: false });
      const old = messageIds.filter((id) => legacy.has(id));
      if (old.length) await AuthKey.db.collection(LEGACY_COLLECTION).deleteMany({ sessionId, messageId: { $in: old } });
      for (const messageId of messageIds) {
        known.delete(messageId);
        legacy.delete(messageId);
      }
    },
    async leftovers(me) {
      const parts: InboxPart[] = [];
      for (const doc of await AuthKey.find({ sessionId, type: INBOX_KEY_TYPE }, { id: 1, data: 1 }).lean()) {
        const cut = doc.id.lastIndexOf('|');
        const data = JSON.parse(doc.data) as StoredData;
        parts.push({
          sessionId, messageId: doc.id.slice(0, cut), part: Number(doc.id.slice(cut + 1)),
          key: data.key, messageTimestamp: data.messageTimestamp, pushName: data.pushName,
          plaintext: Buffer.from(data.plaintext, 'base64'), createdAt: new Date(data.createdAt),
        });
      }
      type LegacyPart = InboxPart & { plaintext: Buffer | { buffer: Uint8Array } };
      for (const doc of await AuthKey.db.collection<LegacyPart>(LEGACY_COLLECTION).find({ sessionId }).toArray()) {
        legacy.add(doc.messageId);
        parts.push({ ...doc, plaintext: asBuffer(doc.plaintext) });
      }
      parts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const byId = new Map<string, InboxPart[]>();
      for (const part of parts) {
        byId.set(part.messageId, [...(byId.get(part.messageId) ?? []), part]);
        remember(part.messageId, part.part);
      }
      const out: WAMessage[] = [];
      for (const group of byId.values()) {
        const first = group[0]!;
        const message = decodeParts(group);
        const msg: WAMessage = {
          key: JSON.parse(first.key, BufferJSON.reviver) as WAMessageKey,
          message,
          messageTimestamp: first.messageTimestamp,
          ...(first.pushName ? { pushName: first.pushName } : {}),
        };
        cleanMessage(msg, me.id, me.lid ?? '');
        replayed.add(msg);
        out.push(msg);
      }
      return out;
    },
  };
}
