import { jidNormalizedUser, type WASocket } from '@whiskeysockets/baileys';
import type { ActorEvent } from '@switchboard/shared';
import { Chat } from '@switchboard/shared/node';
import { ActorError } from '../errors.ts';
import { whatsappStatus } from './groupInfo.ts';
import type { ChatStore } from './chats.ts';
import { pnForLid, toRecipientJid } from './jid.ts';

/** A chat whose contact was blocked or unblocked. */
export interface BlockChange {
  chatId: string;
  blocked: boolean;
}

/**
 * Announces changes of the blocklist (`chat-update` with `blocked`). A blocked contact waits for
 * no reply: its chat is marked as needing none, so it leaves *Sin responder* with the block.
 */
export async function announceBlocks(changes: BlockChange[], chats: Pick<ChatStore, 'markHandled'>, emit: (e: ActorEvent) => void): Promise<void> {
  for (const { chatId, blocked } of changes) {
    const handled = blocked ? await chats.markHandled(chatId, new Date()) : null;
    emit({ type: 'chat-update', chatId, blocked, ...(handled ? { handledAt: handled.handledAt } : {}) });
  }
}

/**
 * The contacts the session's account blocked on WhatsApp, as the actor knows them: on each
 * chat (`blocked`, announced with `chat-update`), and in memory so the outbox refuses a send to
 * one without asking the database. WhatsApp is the truth: a block from Switchboard is stored
 * once WhatsApp took it, a block on the phone arrives as `blocklist.update`, and each new
 * connection reads the whole list again (a change made while the actor was away).
 */
export class Blocklist {
  /** Chat ids (as stored) of blocked contacts. */
  private readonly chats = new Set<string>();

  constructor(private readonly sessionId: string) {}

  /** Reads the blocked chats stored by an earlier actor (before the first send). */
  async load(): Promise<void> {
    const docs = await Chat.find({ sessionId: this.sessionId, blocked: true }, { jid: 1 }).lean();
    for (const d of docs) this.chats.add(d.jid);
  }

  /** A LID chat became the contact's phone-number chat (ChatStore's merge): a block follows it. */
  renamed(lid: string, pnJid: string): void {
    if (this.chats.delete(lid)) this.chats.add(pnJid);
  }

  /** True when the chat's contact is blocked (a send to it fails as `blocked`). */
  has(chatId: string): boolean {
    return this.chats.has(chatId);
  }

  /**
   * Blocks or unblocks a contact on WhatsApp, then stores it. `not_a_contact` for a group;
   * `cannot_block` when WhatsApp cannot tell who the chat is (a LID chat with no known number).
   * Returns the chats whose state changed.
   */
  async change(sock: WASocket, chatJid: string, blocked: boolean): Promise<string[]> {
    const chatId = toRecipientJid(chatJid);
    if (chatId.endsWith('@g.us')) throw new ActorError('not_a_contact', 'A group cannot be blocked; leave it instead');
    try {
      await sock.updateBlockStatus(chatId, blocked ? 'block' : 'unblock');
    } catch (err) {
      // Baileys refuses a contact it cannot map between LID and phone number before asking (400);
      // WhatsApp, one it does not know (404).
      const status = whatsappStatus(err);
      if (status === 400 || status === 404) throw new ActorError('cannot_block', 'WhatsApp could not tell who this contact is, so it cannot be blocked from here; block it on the phone');
      throw err;
    }
    return (await this.record([chatId], blocked)).changed;
  }

  /** WhatsApp says these contacts (LID or PN JIDs) were blocked or unblocked: their chats follow. */
  async fromWhatsApp(sock: WASocket | null, jids: string[], blocked: boolean): Promise<string[]> {
    return (await this.record(await withPhoneJids(sock, jids), blocked)).changed;
  }

  /**
   * Brings the chats in line with the account's whole blocklist as WhatsApp gave it
   * (`fetchBlocklist`): blocked or unblocked while this actor was away (on the phone, or by
   * another device). Returns the chats that changed, with their state.
   */
  async reconcile(sock: WASocket, blocklist: (string | undefined)[]): Promise<BlockChange[]> {
    const listed = await withPhoneJids(sock, blocklist.filter((j): j is string => !!j));
    const { named, changed: nowBlocked } = await this.record(listed, true);
    const still = new Set(named);
    const { changed: nowUnblocked } = await this.record([...this.chats].filter((jid) => !still.has(jid)), false);
    return [...nowBlocked.map((chatId) => ({ chatId, blocked: true })), ...nowUnblocked.map((chatId) => ({ chatId, blocked: false }))];
  }

  /** Stores the state on the chats these ids name (by chat id or LID): the chats named, and those that changed. */
  private async record(ids: string[], blocked: boolean): Promise<{ named: string[]; changed: string[] }> {
    if (!ids.length) return { named: [], changed: [] };
    const { sessionId } = this;
    const named = { sessionId, $or: [{ jid: { $in: ids } }, { lid: { $in: ids } }] };
    const docs = await Chat.find(named, { jid: 1, blocked: 1 }).lean();
    for (const d of docs) {
      if (blocked) this.chats.add(d.jid);
      else this.chats.delete(d.jid);
    }
    const changed = docs.filter((d) => (d.blocked === true) !== blocked);
    if (changed.length) await Chat.updateMany({ _id: { $in: changed.map((d) => d._id) } }, { $set: { blocked } });
    return { named: docs.map((d) => d.jid), changed: changed.map((d) => d.jid) };
  }
}

/** The ids WhatsApp gave (normalised), each LID with its phone-number JID when the socket knows it. */
async function withPhoneJids(sock: WASocket | null, jids: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const jid of jids.map((j) => jidNormalizedUser(j))) {
    out.add(jid);
    const pn = await pnForLid(sock, jid);
    if (pn) out.add(jidNormalizedUser(pn));
  }
  return [...out];
}
