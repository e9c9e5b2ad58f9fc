/** Kinds of message the simulator understands in both directions. */
export type SimMessageKind = 'text' | 'image' | 'video' | 'audio' | 'ptt' | 'document' | 'sticker' | 'location' | 'contact' | 'poll' | 'event' | 'reaction' | 'revoke' | 'edit' | 'unknown';

/** A shared contact card: the name shown and its vCard. */
export interface SimContactCard {
  displayName: string;
  vcard: string;
}

/** A message a simulated contact received from the app, decrypted. */
export interface ReceivedMessage {
  id: string;
  /** Digits of the sending account (the simulated phone the app is linked to). */
  from: string;
  /** Digits of the receiving contact. */
  to: string;
  /** The group JID when the app wrote in a group the contact belongs to. */
  group?: string;
  kind: SimMessageKind;
  text?: string;
  caption?: string;
  media?: Buffer;
  /** The media key the app sent: a re-upload has a new one, a retry of the original the same. */
  mediaKey?: Buffer;
  /** The preview the app sent with an image or video. */
  jpegThumbnail?: Buffer;
  mimetype?: string;
  fileName?: string;
  location?: { latitude: number; longitude: number; name?: string };
  /** For `contact`: the cards shared (one: WhatsApp's contact message; several: its contacts array). */
  contacts?: SimContactCard[];
  /** For `poll`: its question, options, how many one may pick (0: any), and the key of its votes. */
  poll?: { name: string; options: string[]; selectableCount: number };
  /**
   * For `event`: its name, times (ms), place and description, whether answers may bring guests;
   * for the `edit` of an event, the event as it is now (and whether it was cancelled).
   */
  event?: { name: string; startAt: number; endAt?: number; place?: { name?: string; address?: string; latitude?: number; longitude?: number }; description?: string; extraGuestsAllowed?: boolean; canceled?: boolean };
  /** The key of a poll's votes or an event's answers (its `messageSecret`). */
  pollSecret?: Buffer;
  reaction?: { emoji: string; targetId: string };
  quotedId?: string;
  /** Author of the quoted message (`contextInfo.participant`), when the app named one. */
  quotedParticipant?: string;
  /** The chat of the quoted message when it is another (`contextInfo.remoteJid`: a private reply to a group message). */
  quotedChat?: string;
  /** The quoted words the app sent along (`contextInfo.quotedMessage`). */
  quotedText?: string;
  /** The app marked it forwarded (`contextInfo.isForwarded`). */
  forwarded?: boolean;
  /** The ids the app listed as mentioned (`contextInfo.mentionedJid`). */
  mentions?: string[];
  /** For `revoke` and `edit`: the id of the message deleted or edited (an event's edit: `event` is the event now). */
  targetId?: string;
  /** Unix milliseconds when the simulator decrypted it. */
  at: number;
  /** On the account's phone (self-sync copies): the companion device that sent it. */
  fromDevice?: number;
}

/** What a contact can send to an account (one content field set). */
export interface ContactSendInput {
  to: string;
  id?: string;
  text?: string;
  quotedId?: string;
  /**
   * With `quotedId`: the group the quoted message is in, for a private reply to a group message
   * (WhatsApp's `contextInfo.remoteJid`), and the quoted words (`quotedText`).
   */
  quotedChat?: string;
  quotedText?: string;
  /** Sends it marked forwarded, as WhatsApp marks a message forwarded from another chat. */
  forwarded?: boolean;
  /**
   * Digits of the people the text (or caption) mentions, written `@digits` in it. Sent as
   * WhatsApp sends them: listed in `mentionedJid` by the id the chat knows them by (in a LID
   * group their LID, the text then saying `@` and the LID's digits).
   */
  mentions?: string[];
  image?: Buffer;
  video?: Buffer;
  audio?: Buffer;
  ptt?: boolean;
  document?: Buffer;
  sticker?: Buffer;
  caption?: string;
  mimetype?: string;
  fileName?: string;
  location?: { latitude: number; longitude: number; name?: string };
  /** Shares contact cards (one: a contact message; several: a contacts array). */
  contacts?: SimContactCard[];
  /** Starts a poll (WhatsApp's poll creation message): the question and its options. */
  poll?: { name: string; options: string[]; selectableCount?: number };
  /**
   * Votes in a poll (an encrypted `pollUpdateMessage`): the poll's id, the digits of whoever
   * created it (the contact, the account, or a group member) and the options picked, by name (none
   * takes the vote back).
   */
  pollVote?: { pollId: string; creator: string; options: string[] };
  /**
   * Shares a WhatsApp event (`eventMessage`): its name, start and end (ms), place (a name only is
   * sent at 0, 0, as the phone sends it) or call link, description, and whether it was cancelled.
   */
  event?: {
    name: string;
    startAt: number;
    endAt?: number;
    description?: string;
    place?: { name?: string; address?: string; latitude?: number; longitude?: number };
    joinLink?: string;
    canceled?: boolean;
  };
  /**
   * Answers a WhatsApp event (an encrypted `encEventResponseMessage`): the event's id, the digits
   * of whoever created it (the contact, the account, or a group member), the answer and how many
   * guests come along.
   */
  eventResponse?: { eventId: string; creator: string; answer: EventAnswer; extraGuests?: number };
  /**
   * Changes or cancels (`event.canceled`) a WhatsApp event: the whole event as it is now, sealed
   * with the event's secret in a `secretEncryptedMessage` (`EVENT_EDIT`); `creator`: the digits of
   * whoever created it (WhatsApp clients only let its creator change it; another's is a forgery).
   */
  eventEdit?: { eventId: string; creator: string; event: NonNullable<ContactSendInput['event']> };
  /** Invites the receiver to a group (`groupInviteMessage`): the group, its name, the code, the expiry (ms) and the words. */
  groupInvite?: { groupJid: string; groupName: string; code?: string; expiresAt?: number; caption?: string };
  /** Taps a button (or, with `list`, a list row) of a business's message: the choice's words and id. */
  buttonReply?: { text: string; id?: string; list?: boolean };
  reaction?: { emoji: string; targetId: string };
  /** Edits a text the sender wrote before (WhatsApp's MESSAGE_EDIT protocol message). */
  edit?: { targetId: string; text: string };
  /** Deletes for everyone a message the sender wrote before (WhatsApp's REVOKE protocol message). */
  revoke?: { targetId: string };
}

/**
 * What the account's phone can send to a contact (as `ContactSendInput`): a reaction or quote
 * refers to a message of that chat, the contact's or the account's.
 */
export type PhoneSendInput = ContactSendInput;

/** What a contact can write in a group (as `ContactSendInput`, without `to`). */
export type GroupSendInput = Omit<ContactSendInput, 'to'>;

/** How someone answers an event. */
export type EventAnswer = 'going' | 'not_going' | 'maybe';

/** A receipt type. */
export type ReceiptType = 'delivery' | 'read' | 'played';

/** Events of the simulator's typed EventEmitter. */
export interface SimEvents {
  linked: [{ phone: string; deviceId: number; method: 'qr' | 'code' }];
  connected: [{ phone: string; deviceId: number; connectionId: number }];
  disconnected: [{ phone: string; deviceId: number; connectionId: number }];
  'logged-out': [{ phone: string; deviceId: number }];
  message: [ReceivedMessage];
  /** The account's phone decrypted the self-sync copy of a message one of its companions sent (`from`: the account, `to`: the contact's digits). */
  'phone-message': [ReceivedMessage];
  /** A contact sent (or queued) a message to an account (`to`: its digits) or a group (`to`: the group JID). */
  sent: [{ contact: string; to: string; id: string }];
  /** A receipt the app sent for a contact's message. */
  receipt: [{ phone: string; contact: string; ids: string[]; type: ReceiptType | 'inactive' | 'read-self' | string }];
  /** An app asked for a pairing code for this phone. */
  'code-requested': [{ phone: string }];
  /** A companion uploaded pre-keys; `count` is how many unused ones the server now holds. */
  prekeys: [{ phone: string; deviceId: number; count: number }];
  /** A companion issued its privacy (trusted-contact) tokens to these JIDs (`iq xmlns="privacy"` set). */
  'privacy-tokens': [{ phone: string; deviceId: number; jids: string[] }];
  presence: [{ phone: string; to?: string; type: string }];
  /** A media upload arrived whole and waits for the release `media.holdUploads()` returned. */
  'upload-held': [];
  /** The phone answered a companion's media re-upload request (`result`: SUCCESS, NOT_FOUND, DECRYPTION_ERROR). */
  'media-retry': [{ phone: string; id: string; result: string }];
  /** An account blocked or unblocked a contact (from a companion's IQ or from the phone). */
  blocklist: [{ phone: string; contact: string; blocked: boolean }];
  /** A blocked contact's message to an account: taken by the server, never delivered. */
  'blocked-message': [{ contact: string; to: string; id: string }];
  /** A companion declined a ringing call (Baileys `rejectCall`). */
  'call-rejected': [{ callId: string; phone: string; contact: string; deviceId: number }];
}
