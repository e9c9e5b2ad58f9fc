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
   * The part as riders of the Signal key commit under way (auth/keyRiders.ts): stored in the
   * same request as the keys that decrypted it, before them (the inbox's marker first, until it
   * is stored). A part no commit took must be `put` before the receipt.
   */
  riders(entry: NewPart): KeyRider[];
  /** Forgets messages once they are stored and announced (one request for all their parts). */
  done(messageIds: readonly string[]): Promise<void>;
  /** Messages left behind by a killed actor, rebuilt as Baileys would have emitted them. */
  leftovers(me: { id: string; lid?: string | undefined }): Promise<WAMessage[]>;
  /** A graceful stop: with no part left, removes the marker, so the next start reads nothing more. */
  close(): Promise<void>;
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

/** Key id of the inbox's marker (see openInbox); a part's id always has a `|`. */
const MARKER = 'open';

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
 *
 * Finding a killed actor's parts means a query on that collection by session and type, which
 * the embedded database answers by reading every key of every session (hundreds per session):
 * at 200 sessions a restore spent more time there than in everything else. So a marker
 * (id `open`) is stored before the first part of a process, in the same ordered request, and
 * removed by a graceful stop that leaves no part behind: a start that finds no marker (one read
 * by `_id`) has no part to look for.
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
  const markerId = authKeyId(sessionId, INBOX_KEY_TYPE, MARKER);
  // The marker is stored: found at start, written by `put`, or ridden on a commit.
  let markerStored = false;
  let markerRider: KeyRider | null = null;
  const marked = () => markerStored || markerRider?.written === true;
  const upsert = (id: string, data: string) => ({
    replaceOne: { filter: { _id: authKeyId(sessionId, INBOX_KEY_TYPE, id) as never }, replacement: { sessionId, type: INBOX_KEY_TYPE, id, data, updatedAt: new Date() }, upsert: true },
  });
  return {
    async put(entry) {
      const part = upsert(partKeyId(entry.messageId, entry.part), dataOf(entry));
      // Ordered: the marker before the part.
      await AuthKey.collection.bulkWrite(marked() ? [part] : [upsert(MARKER, '{}'), part], { ordered: true });
      markerStored = true;
      remember(entry.messageId, entry.part);
    },
    riders(entry) {
      // Remembered now: deleting a part that was never written deletes nothing.
      remember(entry.messageId, entry.part);
      const part: KeyRider = { type: INBOX_KEY_TYPE, id: partKeyId(entry.messageId, entry.part), data: dataOf(entry), written: false };
      if (marked()) return [part];
      // One not yet written (its commit failed, or has not run) rides again.
      markerRider = markerRider && !markerRider.written ? markerRider : { type: INBOX_KEY_TYPE, id: MARKER, data: '{}', written: false };
      return [markerRider, part];
    },
    async close() {
      if (known.size > 0 || !marked()) return;
      await AuthKey.collection.deleteOne({ _id: markerId as never });
      markerStored = false;
      markerRider = null;
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
      markerStored ||= (await AuthKey.exists({ _id: markerId })) !== null;
      const stored = markerStored ? await AuthKey.find({ sessionId, type: INBOX_KEY_TYPE }, { id: 1, data: 1 }).lean() : [];
      for (const doc of stored) {
        if (doc.id === MARKER) continue;
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
