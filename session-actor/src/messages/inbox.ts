import { BufferJSON, cleanMessage, proto, unpadRandomMax16, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { Message } from '@switchboard/shared/node';

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

/** The inbox of one session: decrypted messages that are not yet stored as `Message`. */
export interface Inbox {
  /** Durably records one decrypted part; resolves only once the database has it. */
  put(entry: Omit<InboxPart, 'sessionId' | 'createdAt'>): Promise<void>;
  /** Forgets messages once they are stored and announced (one request for all their parts). */
  done(messageIds: readonly string[]): Promise<void>;
  /** Messages left behind by a killed actor, rebuilt as Baileys would have emitted them. */
  leftovers(me: { id: string; lid?: string | undefined }): Promise<WAMessage[]>;
}

const COLLECTION = 'inboxparts';

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
let indexed: Promise<unknown> | null = null;

/** A stored part: `_id` is `<sessionId>|<messageId>|<part>`, so writes and deletes are primary-key operations. */
type StoredPart = InboxPart & { _id: string };

const partId = (sessionId: string, messageId: string, part: number) => `${sessionId}|${messageId}|${part}`;

function collection() {
  const col = Message.db.collection<StoredPart>(COLLECTION);
  indexed ??= col.createIndex({ sessionId: 1, createdAt: 1 }).catch(() => {
    indexed = null;
  });
  return col;
}

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
 * Opens the durable inbox of a session (collection `inboxparts`). Baileys sends the delivery
 * receipt before it emits `messages.upsert`, and WhatsApp forgets a message once it has the
 * receipt: a part is written here while the Signal transaction that decrypted it is still open,
 * so a SIGKILL can never leave a receipted message that is neither stored nor replayable.
 */
export function openInbox(sessionId: string): Inbox {
  // Parts this process knows to be stored (put here, or found by leftovers), so `done` deletes
  // them by _id. A message with no known part has nothing stored: every part written before
  // this process started is returned by leftovers, which runs when the socket opens.
  const known = new Map<string, Set<number>>();
  const remember = (messageId: string, part: number) => known.set(messageId, (known.get(messageId) ?? new Set()).add(part));
  return {
    async put(entry) {
      const col = collection();
      await indexed;
      const { messageId, part, ...rest } = entry;
      await col.replaceOne(
        { _id: partId(sessionId, messageId, part) },
        { sessionId, messageId, part, ...rest, createdAt: new Date() },
        { upsert: true },
      );
      remember(messageId, part);
    },
    async done(messageIds) {
      const ops = messageIds.flatMap((messageId) => [...(known.get(messageId) ?? [])].map((part) => ({ deleteOne: { filter: { _id: partId(sessionId, messageId, part) } } })));
      if (ops.length) await collection().bulkWrite(ops, { ordered: false });
      for (const messageId of messageIds) known.delete(messageId);
    },
    async leftovers(me) {
      const docs = await collection().find({ sessionId }).sort({ createdAt: 1 }).toArray();
      const byId = new Map<string, InboxPart[]>();
      for (const doc of docs) {
        byId.set(doc.messageId, [...(byId.get(doc.messageId) ?? []), doc]);
        remember(doc.messageId, doc.part);
      }
      const out: WAMessage[] = [];
      for (const parts of byId.values()) {
        const first = parts[0]!;
        const message = decodeParts(parts.map((p) => ({ part: p.part, plaintext: asBuffer(p.plaintext) })));
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
