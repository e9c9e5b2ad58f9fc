import type { GroupChange, GroupJoinRequest, GroupMemberResult } from '../api/groupChanges.ts';
import type { GroupMetadataInfo } from '../api/groupInfo.ts';
import type { EventChange, MessageStatus, OutgoingMessageInput } from '../domain/messages.ts';

/**
 * Supervisor → actor commands, declared once. The hub's `call()` and the actor's handler table
 * are both derived from this map, so a missing handler is a compile error.
 */
export interface ActorCommands {
  /** Current QR (raw string) if the session waits for a scan. */
  getQr: { req: Record<string, never>; res: { qr: string | null } };
  /** Ask WhatsApp for an 8-character pairing code for this phone number (digits). */
  requestPairingCode: { req: { phone: string }; res: { code: string } };
  /**
   * Deliver pending outbox messages now (the hub stored them first). `messageIds`: the ones just
   * stored, which the actor may look up by key instead of scanning (issue 13).
   */
  flushOutbox: { req: { messageIds?: string[] }; res: { attempted: number } };
  /**
   * Mark a chat read: its unread count → 0 (announced with `chat-update`) and, when connected,
   * read receipts for `messageIds` (incoming messages; may be empty) with their status → read.
   */
  markRead: { req: { chatJid: string; messageIds: string[] }; res: { ok: true; sentReceipts: boolean } };
  /**
   * Mark a chat unread for the team (an agent leaves it for later): its unread count becomes at
   * least 1, announced with `chat-update`. Nothing is sent to WhatsApp or the contact.
   * `unreadCount` is null when the session has no such chat.
   */
  markUnread: { req: { chatJid: string }; res: { ok: true; unreadCount: number | null } };
  /**
   * Mark a chat as needing no reply (the customer's last words need none: "gracias", "👍"): its
   * `handledAt` becomes now, so it needs a reply again only when a newer message comes in;
   * announced with `chat-update`. Nothing is sent to WhatsApp. `handledAt` (ms) is null when
   * the session has no such chat.
   */
  markHandled: { req: { chatJid: string }; res: { ok: true; handledAt: number | null } };
  /**
   * Block (or unblock) a contact on WhatsApp for the session's account: WhatsApp stops delivering
   * their messages, and the outbox refuses sends to them (`blocked`). Stored on the chat and
   * announced with `chat-update` (`blocked`). `not_a_contact` for a group; needs an open connection.
   */
  setBlocked: { req: { chatJid: string; blocked: boolean }; res: { ok: true; blocked: boolean } };
  /** Edit the text of one of our sent messages on WhatsApp, then store and announce it (`message`, `editedAt`). */
  editMessage: { req: { chatJid: string; messageId: string; text: string }; res: { ok: true; at: number } };
  /**
   * Change or cancel a WhatsApp event this account sent: the whole event as it is now goes to
   * WhatsApp sealed with the event's secret (an `EVENT_EDIT`), then it is stored and announced
   * (`message`, `editedAt`). `message_not_found`, `message_deleted`, `event_canceled` (cancelled
   * before: WhatsApp allows no change after); needs an open connection.
   */
  changeEvent: { req: { chatJid: string; messageId: string; change: EventChange }; res: { ok: true; at: number } };
  /** Delete one of our sent messages for everyone on WhatsApp, then store and announce it (`message`, `revokedAt`). */
  revokeMessage: { req: { chatJid: string; messageId: string }; res: { ok: true; at: number } };
  /** Send presence or typing state to a chat (or globally when chatJid is absent). */
  presence: {
    req: { state: 'available' | 'unavailable' | 'composing' | 'recording' | 'paused'; chatJid?: string };
    res: { ok: true };
  };
  /**
   * Ask WhatsApp whether a phone number (digits, international format) has an account, before a
   * conversation is started with it. `jid`: the chat id WhatsApp gives the number (null when it
   * has none). Needs an open connection.
   */
  checkNumber: { req: { phone: string }; res: { onWhatsApp: boolean; jid: string | null } };
  /**
   * What WhatsApp says of a group now: subject, description, creation and members (the account
   * must be one of them). `not_a_group` for another chat; needs an open connection.
   */
  groupInfo: { req: { chatJid: string }; res: GroupMetadataInfo };
  /**
   * Change a group as the session's account: its members (the account must be an admin:
   * `not_group_admin` otherwise; `members` has each one's outcome), its subject or its
   * description (`not_group_admin` when only admins may and the account is not one), its
   * settings and requests to join (admins only).
   * `not_in_group` once the account has left; needs an open connection.
   */
  groupChange: { req: { chatJid: string; change: GroupChange }; res: { members: GroupMemberResult[] } };
  /** Creates a group with the account as its owner; each member asked for, as WhatsApp added them or not. */
  groupCreate: { req: { subject: string; members: string[] }; res: { chatJid: string; members: GroupMemberResult[] } };
  /** The group's invitation code (the account must be an admin: `not_group_admin`). */
  groupInviteCode: { req: { chatJid: string }; res: { code: string } };
  /**
   * Accepts an invitation to a group someone sent the account (a `groupInviteMessage` stored in
   * `chatJid` as `messageId`): the account joins the group. `invite_expired` once it expired,
   * `invite_invalid` when WhatsApp no longer accepts it (revoked, or the group is gone).
   */
  groupAcceptInvite: { req: { chatJid: string; messageId: string; groupJid: string; code: string; expiresAt: number | null }; res: { chatJid: string } };
  /** Who asked to join the group and waits for an admin (the account must be an admin: `not_group_admin`). */
  groupJoinRequests: { req: { chatJid: string }; res: { requests: GroupJoinRequest[] } };
  /** Fetch a contact's profile picture into the Media store; null when the contact has none. */
  profilePicture: { req: { jid: string }; res: { mediaId: string | null; url: string | null } };
  /** Log the WhatsApp device out (removes the companion); the actor then exits as logged out. */
  logout: { req: Record<string, never>; res: { ok: true } };
  /** Liveness probe answered by the actor's event loop and, when open, by WhatsApp. */
  probe: { req: Record<string, never>; res: { open: boolean; lastTrafficAt: number | null } };
}

export type CommandName = keyof ActorCommands;
export type CommandReq<C extends CommandName> = ActorCommands[C]['req'];
export type CommandRes<C extends CommandName> = ActorCommands[C]['res'];

/** What the hub returns for an accepted send. */
export interface AcceptedSend {
  messageId: string;
  status: MessageStatus;
  /** True when the clientId matched an earlier send and nothing new was queued. */
  duplicate: boolean;
}

export type { OutgoingMessageInput };
