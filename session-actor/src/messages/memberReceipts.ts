/**
 * Group members' receipts for the messages we send to groups. WhatsApp reports delivered and
 * read per member (Baileys: `message-receipt.update` with `userJid`); each member's is kept here
 * for the message's info ("Leído por" / "Entregado a") and announced as `member-receipt`, and the
 * message's own status follows all of them, as WhatsApp's ticks do: delivered once every member
 * has it, read once every member has read it (groupStatus).
 */
import { isJidGroup, jidNormalizedUser, type WASocket } from '@whiskeysockets/baileys';
import type { ActorEvent, MemberReceiptStatus } from '@switchboard/shared';
import type { MessageStatus } from '@switchboard/shared';
import { driverCollection, MessageReceipt, messageReceiptId, type MessageReceiptDoc } from '@switchboard/shared/node';
import { isOwnAccount, phoneJidOf } from './jid.ts';

/** The receipt part of a `message-receipt.update`. */
export interface ReceiptUpdate {
  userJid?: string | null;
  receiptTimestamp?: unknown;
  readTimestamp?: unknown;
  playedTimestamp?: unknown;
}

/** What a member's receipt says (a voice note played counts as read), or null. */
export function memberStatus(receipt: ReceiptUpdate): MemberReceiptStatus | null {
  if (receipt.readTimestamp || receipt.playedTimestamp) return 'read';
  if (receipt.receiptTimestamp) return 'delivered';
  return null;
}

/** Whether a receipt is a group member's for one of our messages (the ones kept here). */
export function isMemberReceipt(key: { remoteJid?: string | null; fromMe?: boolean | null }, receipt: ReceiptUpdate): boolean {
  return !!key.fromMe && !!key.remoteJid && !!isJidGroup(key.remoteJid) && !!receipt.userJid && memberStatus(receipt) !== null;
}

/**
 * Records `member`'s receipt (idempotent: `$min` keeps the first time of each; read implies
 * delivered) and returns the event to announce, or null when it told nothing new (a repeat).
 * A member WhatsApp names by LID is recorded under their phone number when the socket knows it;
 * our own devices' receipts (the phone reading the group) are not a member's and are left out.
 */
export async function recordMemberReceipt(
  sessionId: string,
  target: { chatId: string; messageId: string; userJid: string },
  status: MemberReceiptStatus,
  sock: WASocket | null,
  now = new Date(),
): Promise<ActorEvent | null> {
  if (isOwnAccount(sock, target.userJid)) return null;
  const member = await phoneJidOf(sock, target.userJid);
  const chatId = jidNormalizedUser(target.chatId);
  const times = status === 'read' ? { deliveredAt: now, readAt: now } : { deliveredAt: now };
  const before = await driverCollection<MessageReceiptDoc>(MessageReceipt).findOneAndUpdate(
    { _id: messageReceiptId(sessionId, target.messageId, member) },
    { $setOnInsert: { sessionId, chatId, messageId: target.messageId, member }, $min: times },
    { upsert: true, returnDocument: 'before' },
  );
  if (before && (status === 'read' ? before.readAt : before.deliveredAt)) return null;
  return { type: 'member-receipt', messageId: target.messageId, chatId, member, status };
}

/**
 * The status a group message has reached by its members' receipts: `read` when every member has
 * read it, `delivered` when every member has it, else null (no change). `members` is how many
 * it went to (the group's participants but us).
 */
export async function groupStatus(sessionId: string, messageId: string, members: number): Promise<MessageStatus | null> {
  const receipts = driverCollection<MessageReceiptDoc>(MessageReceipt);
  if ((await receipts.countDocuments({ sessionId, messageId, readAt: { $exists: true } })) >= members) return 'read';
  if ((await receipts.countDocuments({ sessionId, messageId, deliveredAt: { $exists: true } })) >= members) return 'delivered';
  return null;
}
