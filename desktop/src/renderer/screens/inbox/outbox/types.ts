import type { CalendarEvent, MessageMention } from '@switchboard/shared';

/** A person shared as a contact card. */
export interface SharedContact {
  name: string;
  /** Digits in international format. */
  phone: string;
}

/** A place as the reply box sends it. */
export interface SharedLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** A poll as the reply box makes it. */
export interface NewPoll {
  name: string;
  options: string[];
  /** One may pick several options (else one). */
  multiple: boolean;
}

/** A WhatsApp event as the reply box makes it (an appointment): times in ms, the place by name. */
export interface NewEvent {
  name: string;
  description?: string;
  startAt: number;
  endAt?: number;
  /** Where: a name typed in the form, or (a changed event's, kept) the place it had. */
  place?: CalendarEvent['place'];
}

/** A reply waiting in the offline outbox. */
export interface OutboxItem {
  /** Idempotency key sent with the message: the server accepts it once, however often it is retried. */
  clientId: string;
  sessionId: string;
  chatId: string;
  /** ms since epoch; items are sent in this order. */
  createdAt: number;
  /** Text, or the caption of the file. */
  text?: string;
  quotedId?: string;
  /** The group members the text mentions (written `@digits` in it), with their names to show meanwhile. */
  mentions?: MessageMention[];
  file?: Blob;
  fileName?: string;
  /** The file is a voice note (recorded in the inbox). */
  kind?: 'voice';
  /** A contact card to share: the person's name and WhatsApp number (digits). */
  contact?: SharedContact;
  /** A poll to start. */
  poll?: NewPoll;
  /** A place to send. */
  location?: SharedLocation;
  /** An event to send (an appointment the customer can add to their calendar and answer). */
  event?: NewEvent;
  /** queued: waiting for the server; sending: in flight; failed: refused by the server (with why). */
  state: 'queued' | 'sending' | 'failed';
  error?: { code: string; message: string };
  attempts: number;
}

/** Where outbox items are kept (IndexedDB in the browser, memory in tests). */
export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(clientId: string): Promise<void>;
}

/** What the server answered for an accepted send. */
export interface SentReceipt {
  messageId: string;
  duplicate: boolean;
}
