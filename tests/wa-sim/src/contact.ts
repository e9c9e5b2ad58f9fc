import { allocateLid, type CompanionDevice } from './phone.ts';
import { SenderKeyStore } from './senderKeys.ts';
import { SignalStore } from './signalStore.ts';
import type { ContactSendInput, GroupSendInput, ReceivedMessage } from './types.ts';

/** Which receipts a contact sends by itself for messages it receives. */
export interface AutoReceipts {
  delivery: boolean;
  read: boolean;
}

/** A retry receipt held back by fault `unreadable-send` with `hold`, until released. */
export interface HeldRetry {
  /** The app's message id. */
  id: string;
  /** The JID the app addressed (PN or LID): the receipt answers in the same addressing. */
  to: string;
  /** The companion that sent it: the receipt goes to its connection at release time. */
  device: CompanionDevice;
}

/** A simulated WhatsApp user who chats with the accounts (one device, real libsignal). */
export class SimContact {
  lid = allocateLid();
  readonly store = new SignalStore();
  readonly received: ReceivedMessage[] = [];
  /**
   * Message ids that arrived again after this contact had decrypted them once (shown once, but
   * counted): an app that sends a message twice is caught here even though the chat shows one.
   */
  readonly duplicates: string[] = [];
  autoReceipts: AutoReceipts = { delivery: true, read: false };
  /** WhatsApp's group privacy "My contacts": an admin's add is refused (403) with an invitation to send instead. */
  groupInvitesOnly = false;
  /** Message id → account phone, for messages this contact sent (to route receipts). */
  readonly sentTo = new Map<string, string>();
  /** Inputs of messages sent deliberately undecryptable, re-sent properly on a retry receipt. */
  readonly retryable = new Map<string, ContactSendInput>();
  /** Recent sent inputs by id, re-sent on a session-reset retry receipt (bounded). */
  readonly recent = new Map<string, ContactSendInput>();
  /** Retry receipts this contact already sent, by message id. */
  readonly retries = new Map<string, number>();
  /** Retry receipts held back until `Simulator.releaseRetries` (fault `unreadable-send`). */
  readonly heldRetries: HeldRetry[] = [];
  /** Sender keys: this contact's own per group, and those other members sent it (groupMessages.ts). */
  readonly senderKeys = new SenderKeyStore();
  /** `<group JID>|<phone>:<device>` of companions that already hold this contact's sender key. */
  readonly senderKeyHolders = new Set<string>();
  /** Recent group sends by id, re-sent on a retry receipt (bounded). */
  readonly groupSent = new Map<string, { group: string; input: GroupSendInput }>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly phone: string,
    readonly name: string,
  ) {}

  /** PN JID of the contact. */
  get jid(): string {
    return `${this.phone}@s.whatsapp.net`;
  }

  /** LID JID of the contact. */
  get lidJid(): string {
    return `${this.lid}@lid`;
  }

  /** Remembers a sent message for retries, keeping only the latest 500. */
  remember(id: string, input: ContactSendInput): void {
    this.recent.set(id, input);
    if (this.recent.size > 500) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** Runs Signal work for this contact one job at a time (ratchets must not interleave). */
  serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.chain.then(job, job);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
