import type { MessageCall, CalendarEvent, MessageInvite, MessageKind, MessageMention, MessageStatus, QuotedElsewhere, SessionStatus, TimedStatus } from '../domain/messages.ts';
import type { GroupEvent } from '../domain/groupEvents.ts';
import type { ExitKind } from './exitCodes.ts';

/** Who marked a message *Destacado*, and when (ms). */
export interface MessageStar {
  at: number;
  by: string;
  /** Their name, on *Mensajes destacados* (live events carry the id only). */
  name?: string | null;
}

/** Why a connection closed, classified from Baileys' status codes (wa-sim.md §7). */
export type DisconnectCause =
  | 'restart_required' // 515
  | 'logged_out' // 401
  | 'replaced' // 440
  | 'connection_lost' // 408
  | 'connection_closed' // 428
  | 'bad_session' // 500
  | 'unavailable' // 503
  | 'forbidden' // 403
  | 'multidevice_mismatch' // 411
  | 'unknown';

/**
 * How the supervisor words the stop of a session nobody linked in time (its link timeout), in
 * the `stopped` connection-state's message: `not linked within 10 min`. The timeline reads it.
 */
export const NOT_LINKED_REASON = 'not linked within';

/**
 * The message of the `stopped` connection-state a node writes for each of its sessions when it
 * shuts down (a restart, a deploy): they are resumed when it starts again. The timeline reads it.
 */
export const NODE_STOPPED_REASON = 'node shutting down';

/** Media facts a message carries so a client can render it without another request. */
export interface MessageMediaView {
  mimeType: string;
  fileName: string | null;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  hasThumbnail: boolean;
}

/** A stored message as events and REST present it. */
export interface MessageView {
  id: string; // WhatsApp key id
  sessionId: string;
  chatId: string; // normalized chat JID
  fromMe: boolean;
  sender?: string;
  pushName?: string;
  kind: MessageKind;
  text?: string;
  caption?: string;
  mediaId?: string;
  quotedId?: string;
  /** The quoted message when it is in another chat (a private reply to a group message). */
  quotedFrom?: QuotedElsewhere;
  reaction?: { emoji: string; targetId: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  status: MessageStatus;
  timestamp: number; // ms since epoch
  clientId?: string;
  /** Summary of the stored media file when `mediaId` is set (absent from older actors). */
  media?: MessageMediaView;
  /**
   * Incoming media still being downloaded (`pending`: a `message` event with `mediaId`
   * follows when it arrives) or given up (`failed`). Absent once the file is stored.
   */
  mediaStatus?: 'pending' | 'failed';
  /** Why a `failed` message failed (e.g. the server's error code). */
  statusReason?: string;
  /**
   * Its author edited it on WhatsApp (ms): `text` / `caption` are the edited ones. A `message`
   * event for an id already announced carries the change.
   */
  editedAt?: number;
  /** Its author deleted it for everyone on WhatsApp (ms): its text, caption and media are gone. */
  revokedAt?: number;
  /** A team member marked it *Destacado* to find it again (`at` ms, `by` their user id); the contact never knows. */
  starred?: MessageStar;
  /**
   * The team member who sent it from Switchboard (absent for what was written on the phone; an
   * API key's sends name the key's creator). `name` is filled by REST pages; live events carry
   * the id only.
   */
  sentBy?: { id: string; name: string | null };
  /** Sent by Switchboard itself (the away reply), not by a person. */
  automated?: boolean;
  /** Forwarded (WhatsApp shows *Reenviado*): a customer's forward, or a copy the team forwarded. */
  forwarded?: boolean;
  /** A `system` message: the change to the group it records. */
  system?: GroupEvent;
  /** A `call` message: a voice or video call from the contact, and how it ended. */
  call?: MessageCall;
  /** An `event` message's date and place. */
  event?: CalendarEvent;
  /** An `invite` message's group (never its code). */
  invite?: MessageInvite;
  /** A poll's votes: each voter (their phone-number JID when known) and the options they picked, by name. */
  pollVotes?: Array<{ voter: string; options: string[] }>;
  /** The people its text mentions (`@…`, in groups), each with the name to show in place of the number. */
  mentions?: MessageMention[];
  /** Ours: when WhatsApp took it (`sent`) and when the contact's phone said delivered, read, played (ms); those not reached yet are absent. */
  statusTimes?: StatusTimes;
}

/** When an outgoing message reached each status (ms since epoch). */
export type StatusTimes = Partial<Record<TimedStatus, number>>;

/** Actor → supervisor events (the hub re-publishes them with a per-session sequence number). */
export type ActorEvent =
  | { type: 'qr'; qr: string }
  | { type: 'pairing-code'; code: string }
  | {
      type: 'connection-state';
      status: SessionStatus;
      cause?: DisconnectCause;
      statusCode?: number;
      message?: string;
      me?: { id: string; lid?: string; name?: string };
    }
  | { type: 'message'; message: MessageView }
  | { type: 'message-sent'; message: MessageView }
  | { type: 'message-status'; messageId: string; chatId: string; status: MessageStatus; reason?: string }
  /** A group member's receipt for a message we sent to the group (`member`: their JID; the time is the envelope's `at`). */
  | { type: 'member-receipt'; messageId: string; chatId: string; member: string; status: MemberReceiptStatus }
  | {
      type: 'chat-update';
      chatId: string;
      name?: string;
      unreadCount?: number;
      lastMessageAt?: number;
      /** ms of the chat's last incoming / outgoing message (see `needsReply` in domain/inbox.ts). */
      lastInboundAt?: number;
      lastOutboundAt?: number;
      /** ms when an agent marked the chat as needing no reply. */
      handledAt?: number;
      /** The account blocked (true) or unblocked (false) the contact on WhatsApp. */
      blocked?: boolean;
      /** The customer just asked for no more messages sent to many chats (wrote `word`, e.g. "BAJA"). */
      optedOut?: { at: number; byCustomer: true; word: string };
    }
  | { type: 'presence'; chatId: string; participant: string; state: string; lastSeen?: number }
  /**
   * Published by the supervisor (never sent by an actor) when an actor process ended: how,
   * and what the supervisor does about it ('restart' after delayMs, 'stop' for terminal exits
   * and exceeded intensity, 'none' after a requested stop).
   */
  | {
      type: 'actor-exit';
      exit: ExitKind;
      code: number | null;
      signal: string | null;
      action: 'restart' | 'stop' | 'none';
      delayMs?: number;
      reason: string;
    };

export type ActorEventType = ActorEvent['type'];

/** What a group member's phone said about a message: WhatsApp reports delivered and read per member (a voice note played counts as read). */
export type MemberReceiptStatus = 'delivered' | 'read';

/** An actor event as the hub delivers it to subscribers. */
export type HubEvent = ActorEvent & { sessionId: string; seq: number; at: number };
