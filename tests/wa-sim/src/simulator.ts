import { EventEmitter } from 'node:events';
import type { BinaryNode } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { answerBlocklistIq, blockFromPhone } from './blocklist.ts';
import { onAppCall } from './calls.ts';
import type { ServerIdentity } from './certs.ts';
import { SimConnection } from './connection.ts';
import { SimContact } from './contact.ts';
import { FaultBook, isImmediate, type FaultSpec } from './faults.ts';
import { answerGroupIq } from './groupIq.ts';
import { addToGroup, createGroup, groupIqContext, setGroupSettings, setGroupSubject } from './groupApi.ts';
import { contactSendToGroup } from './groupMessages.ts';
import { GroupBook, groupInfo, type GroupAddressing, type GroupInfo, type SimGroupSettings } from './groups.ts';
import { onAppMessage, onAppPresence, onAppReceipt, releaseHeldRetries } from './inbound.ts';
import { answerIq, type IqContext } from './iqRouter.ts';
import { MediaStore } from './media.ts';
import { child, node, SERVER_JID } from './nodes.ts';
import { contactPresence, contactSend, receiptToApp, settleUnacked } from './outbound.ts';
import { groupReceiptToApp } from './groupInbound.ts';
import { enterPairingCode, onLinkCodeIq } from './pairingCode.ts';
import { assertDigits, SimError, SimPhone, type CompanionDevice } from './phone.ts';
import { phoneSendToGroup } from './phoneGroups.ts';
import { phoneSend } from './selfSync.ts';
import { onAuthenticated, onClosed, removeDevice, scanQr, streamError } from './session.ts';
import type { ContactSendInput, GroupSendInput, PhoneSendInput, ReceiptType, ReceivedMessage, SimEvents } from './types.ts';

/** Behaviour switches of a simulator instance. */
export interface SimOptions {
  /** Create a contact when the app looks up an unknown number (default true). */
  autoCreateContacts: boolean;
  /** Incoming media URLs over https with directPath (needs NODE_EXTRA_CA_CERTS in the app); default plain http. */
  mediaOverHttps: boolean;
  /** The phone sends an empty history bootstrap to a new companion at its first login (default false, opt-in). */
  historySync: boolean;
}

/** Network endpoints of a started simulator. */
export interface SimEndpoints {
  wsUrl: string;
  controlUrl: string;
  trustRootHex: string;
  caCertPath: string;
  caCert: string;
}

/** The WhatsApp simulator: phones, contacts, connections and the programmatic API. */
export class Simulator extends EventEmitter<SimEvents> {
  readonly phones = new Map<string, SimPhone>();
  readonly contacts = new Map<string, SimContact>();
  readonly byLid = new Map<string, SimPhone | SimContact>();
  readonly devicesByNoise = new Map<string, CompanionDevice>();
  readonly refs = new Map<string, SimConnection>();
  readonly codeConnections = new Map<string, SimConnection>();
  readonly connections = new Set<SimConnection>();
  readonly media = new MediaStore();
  readonly faults = new FaultBook();
  readonly groups = new GroupBook();
  private iqCounter = 0;
  wsUrl = '';
  controlUrl = '';
  trustRootHex = '';
  caCertPath = '';
  caCert = '';
  /** Set by `startSimulator`; closes the servers. */
  closeServers: () => Promise<void> = async () => undefined;

  constructor(readonly identity: ServerIdentity, readonly log: Logger, readonly options: SimOptions) {
    super();
    this.setMaxListeners(0); // many tests and benchmark clients wait on 'message' at once
    this.trustRootHex = identity.root.public.toString('hex');
    // HTTP downloads carry no device: only faults armed for the whole phone apply.
    this.media.downloadFault = (phone) => {
      const f = this.faults.take(phone, undefined, 'media-download-error');
      return f ? (f.status ?? 500) : undefined;
    };
    this.media.expiryFault = (phone) => !!this.faults.take(phone, undefined, 'media-expired');
    this.media.onUploadHeld = () => this.emit('upload-held');
  }

  /** Next id for a server-initiated IQ. */
  nextIqId(): string {
    return `sim-${++this.iqCounter}`;
  }

  /** Finds who owns a number or LID user part. */
  lookup(user: string): { contact?: SimContact; phone?: SimPhone } {
    const owner = this.contacts.get(user) ?? this.phones.get(user) ?? this.byLid.get(user);
    if (owner instanceof SimContact) return { contact: owner };
    if (owner instanceof SimPhone) return { phone: owner };
    return {};
  }

  /** Accepts a new WebSocket. */
  accept(ws: import('ws').WebSocket): void {
    const conn = new SimConnection(ws, this.identity, {
      onAuthenticated: (c, payload) => onAuthenticated(this, c, payload),
      onNode: (c, n) => this.onNode(c, n),
      onClose: (c) => onClosed(this, c),
    });
    this.connections.add(conn);
  }

  private readonly iqContext: IqContext = {
    directory: {
      lookup: (user) => this.lookup(user),
      autoContact: (phone) => (this.options.autoCreateContacts && /^\d{5,20}$/.test(phone) ? this.createContact({ phone, name: '' }) : undefined),
    },
    mediaConn: () => this.media.mediaConn(),
    keysUploaded: (conn) => {
      const d = conn.device;
      if (d) this.emit('prekeys', { phone: d.phone, deviceId: d.deviceId, count: d.preKeys.size });
    },
    privacyTokensIssued: (conn, jids) => {
      const d = conn.device;
      if (d) this.emit('privacy-tokens', { phone: d.phone, deviceId: d.deviceId, jids });
    },
    pictureUrl: (user, type) => {
      const found = this.lookup(user);
      const owner = found.contact ?? found.phone;
      if (!owner || this.media.pictures.get(owner.phone) === null) return undefined;
      return `http://${this.media.httpHost}/pp/${owner.phone}/${type === 'image' ? 'image' : 'preview'}.jpg`;
    },
    iqFault: (conn, xmlns) => {
      const d = conn.device;
      if (!d || xmlns === 'w:p') return undefined;
      const f = this.faults.take(d.phone, d.deviceId, 'iq-error', (x) => !x.xmlns || x.xmlns === xmlns);
      return f ? { code: f.code ?? 500, text: f.text ?? 'internal-server-error' } : undefined;
    },
    blocklistIq: (conn, iq) => answerBlocklistIq(this, conn, iq),
    groupIq: (conn, iq) => answerGroupIq(groupIqContext(this, (d) => this.iqContext.directory.autoContact(d)), conn.device?.phone ?? '', iq),
    onMd: (conn, iq) => {
      const remove = child(iq, 'remove-companion-device');
      if (remove && conn.device) {
        const device = conn.device;
        setImmediate(() => removeDevice(this, device));
        return undefined;
      }
      return onLinkCodeIq(this, conn, iq);
    },
  };

  private async onNode(conn: SimConnection, n: BinaryNode): Promise<void> {
    switch (n.tag) {
      case 'iq':
        if (n.attrs.type === 'result' || n.attrs.type === 'error') {
          const waiter = conn.pending.get(n.attrs.id ?? '');
          conn.pending.delete(n.attrs.id ?? '');
          waiter?.(n);
          return;
        }
        conn.send(await answerIq(this.iqContext, conn, n));
        return;
      case 'message':
        return onAppMessage(this, conn, n);
      case 'receipt':
        return onAppReceipt(this, conn, n);
      case 'call':
        return onAppCall(this, conn, n);
      case 'presence':
      case 'chatstate':
        return onAppPresence(this, conn, n);
      case 'ack':
        // A client's ack (or nack) of a message means WhatsApp will not deliver it again.
        if (n.attrs.class === 'message' && conn.device) settleUnacked(conn.device, [n.attrs.id ?? '']);
        return;
      default:
        return; // ib, call...: nothing to answer
    }
  }

  /** Creates (or returns) a simulated phone, i.e. a WhatsApp account the app links to. */
  createPhone(input: { phone: string; name?: string }): SimPhone {
    const digits = assertDigits(String(input.phone));
    const existing = this.phones.get(digits);
    if (existing) return existing;
    if (this.contacts.has(digits)) throw new SimError('phone_taken', `${digits} is already a contact`, 409);
    const phone = new SimPhone(digits, input.name ?? '');
    this.phones.set(digits, phone);
    this.byLid.set(phone.lid, phone);
    return phone;
  }

  /** Creates (or returns) a simulated contact that chats with the accounts. */
  createContact(input: { phone: string; name?: string }): SimContact {
    const digits = assertDigits(String(input.phone));
    const existing = this.contacts.get(digits);
    if (existing) return existing;
    if (this.phones.has(digits)) throw new SimError('phone_taken', `${digits} is already a phone`, 409);
    const contact = new SimContact(digits, input.name ?? '');
    this.contacts.set(digits, contact);
    this.byLid.set(contact.lid, contact);
    return contact;
  }

  private phone(digits: string): SimPhone {
    const phone = this.phones.get(digits);
    if (!phone) throw new SimError('unknown_phone', `no simulated phone ${digits}`, 404);
    return phone;
  }

  private contact(digits: string): SimContact {
    const contact = this.contacts.get(digits);
    if (!contact) throw new SimError('unknown_contact', `no simulated contact ${digits}`, 404);
    return contact;
  }

  /** The phone scans the QR string an app displayed; resolves once the device is linked. */
  scanQr(phone: string, qr: string): Promise<{ deviceId: number }> {
    return scanQr(this, this.phone(phone), qr);
  }

  /**
   * The phone enters the pairing code an app displayed; resolves once the device is linked.
   * Waits up to `waitMs` for the app's (fire-and-forget) code request to arrive.
   */
  async enterPairingCode(phone: string, code: string, opts: { waitMs?: number } = {}): Promise<{ deviceId: number }> {
    return enterPairingCode(this, this.phone(phone), code, opts.waitMs);
  }

  /** A contact sends a message to an account; resolves with its id once encrypted and sent or queued. */
  contactSend(contact: string, input: ContactSendInput): Promise<{ id: string }> {
    return contactSend(this, this.contact(contact), { ...input, to: String(input.to).split(/[@:]/)[0] ?? '' });
  }

  /** What a contact received from the app, decrypted, in order. */
  received(contact: string): ReceivedMessage[] {
    return [...this.contact(contact).received];
  }

  /** Ids of messages a contact received more than once (each repeat listed; the chat shows one). */
  duplicates(contact: string): string[] {
    return [...this.contact(contact).duplicates];
  }

  /** Resolves with the first received message (past or future) matching `match`. */
  waitForReceived(contact: string, match: (m: ReceivedMessage) => boolean = () => true, timeoutMs = 15_000): Promise<ReceivedMessage> {
    const c = this.contact(contact);
    return this.firstReceived(c.received, 'message', (m) => m.to === c.phone && match(m), timeoutMs, `contact ${contact} received no matching message`);
  }

  /** The first of `past`, else of the `event`s to come, that matches; a SimError after `timeoutMs`. */
  private firstReceived(past: ReceivedMessage[], event: 'message' | 'phone-message', match: (m: ReceivedMessage) => boolean, timeoutMs: number, what: string): Promise<ReceivedMessage> {
    const found = past.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = (m: ReceivedMessage) => {
        if (!match(m)) return;
        clearTimeout(timer);
        this.off(event, listener);
        resolve(m);
      };
      const timer = setTimeout(() => {
        this.off(event, listener);
        reject(new SimError('timeout', `${what} in ${timeoutMs} ms`, 504));
      }, timeoutMs);
      this.on(event, listener);
    });
  }

  /**
   * The account owner writes to a contact from the WhatsApp app on the phone: the contact gets
   * it, and every linked companion gets the self-sync copy (a `fromMe` message of that chat).
   */
  phoneSend(phone: string, input: PhoneSendInput): Promise<{ id: string }> {
    const to = String(input.to).split(/[@:]/)[0] ?? '';
    return phoneSend(this, this.phone(phone), this.contact(to), { ...input, to });
  }

  /** Self-sync copies the account's phone decrypted of what its companions sent, in order. */
  phoneReceived(phone: string): ReceivedMessage[] {
    return [...this.phone(phone).received];
  }

  /** Resolves with the first self-sync copy (past or future) the phone got that matches `match`. */
  waitForPhoneReceived(phone: string, match: (m: ReceivedMessage) => boolean = () => true, timeoutMs = 15_000): Promise<ReceivedMessage> {
    const p = this.phone(phone);
    return this.firstReceived(p.received, 'phone-message', (m) => m.from === p.phone && match(m), timeoutMs, `phone ${phone} received no matching self-sync copy`);
  }

  /** Ids of app messages whose retry receipt the contact holds back (fault `unreadable-send`, `hold`). */
  heldRetries(contact: string): string[] {
    return this.contact(contact).heldRetries.map((h) => h.id);
  }

  /**
   * The contact sends the retry receipts it held back to the companions that sent those messages
   * (those online now); returns the message ids it asked for.
   */
  releaseRetries(contact: string): string[] {
    return releaseHeldRetries(this.contact(contact));
  }

  /** A contact sends a receipt for a message it received from the app (as a member, for a group message). */
  async sendReceipt(contact: string, messageId: string, type: ReceiptType): Promise<void> {
    const c = this.contact(contact);
    const msg = c.received.find((m) => m.id === messageId);
    if (!msg) throw new SimError('unknown_message', `contact ${contact} has no message ${messageId}`, 404);
    return msg.group ? groupReceiptToApp(this, msg.from, this.groups.get(msg.group), c, messageId, type) : receiptToApp(this, c, [messageId], type, msg.from);
  }

  /** Which receipts a contact sends by itself (default: delivery only). */
  setAutoReceipts(contact: string, auto: { delivery?: boolean; read?: boolean }): void {
    Object.assign(this.contact(contact).autoReceipts, auto);
  }

  /** A contact shows typing/recording/paused or goes available/unavailable for an account. */
  contactPresence(contact: string, to: string, state: 'composing' | 'paused' | 'recording' | 'available' | 'unavailable'): void {
    contactPresence(this, this.contact(contact), to, state);
  }

  /** The account's owner blocks or unblocks a contact on the phone; its companions are told (`account_sync`). */
  blockFromPhone(phone: string, contact: string, blocked: boolean): { blocked: string[] } {
    return blockFromPhone(this, phone, contact, blocked);
  }

  /** Sets (Buffer), removes (null) or resets (undefined) the profile picture of a phone or contact. */
  setProfilePicture(phone: string, jpeg: Buffer | null | undefined): void {
    if (jpeg === undefined) this.media.pictures.delete(phone);
    else this.media.pictures.set(phone, jpeg);
  }

  /** Creates a group of phones and contacts (digits); `creator` (default the first member) is its superadmin. */
  createGroup(input: { subject: string; members: string[]; creator?: string; addressing?: GroupAddressing; description?: string }): GroupInfo {
    return createGroup(this, input);
  }

  /** Adds phones or contacts to a group (as an admin's "add participant" does). */
  addToGroup(group: string, members: string[]): GroupInfo {
    return addToGroup(this, group, members);
  }

  /** A member (default the creator) renames a group; member accounts get the `w:gp2` notification. */
  setGroupSubject(group: string, subject: string, by?: string): GroupInfo {
    return setGroupSubject(this, group, subject, by);
  }

  /** An admin (default the creator) changes a group's settings; member accounts are told of each change. */
  setGroupSettings(group: string, change: Partial<SimGroupSettings>, by?: string): GroupInfo {
    return setGroupSettings(this, group, change, by);
  }

  /** A group by JID (or the id before `@g.us`). */
  group(group: string): GroupInfo {
    return groupInfo(this.groups.get(group));
  }

  /** A member contact writes in a group; every member account's companions get it. */
  contactSendToGroup(contact: string, group: string, input: GroupSendInput): Promise<{ id: string }> {
    return contactSendToGroup(this, this.contact(contact), this.groups.get(group), input);
  }

  /**
   * The account owner writes in a group from the phone: member contacts read it, and every
   * companion of every member account gets it (its own as a `fromMe` message of the group).
   */
  phoneSendToGroup(phone: string, group: string, input: GroupSendInput): Promise<{ id: string }> {
    return phoneSendToGroup(this, this.phone(phone), this.groups.get(group), input);
  }

  /** What a contact received from the app in a group, decrypted, in order. */
  groupReceived(contact: string, group: string): ReceivedMessage[] {
    const jid = this.groups.get(group).jid;
    return this.contact(contact).received.filter((m) => m.group === jid);
  }

  /** Injects a fault for one phone (all its companions, or one `deviceId`). See faults.ts. */
  injectFault(spec: FaultSpec): void {
    const phone = this.phone(String(spec.phone));
    if (spec.kind === 'clear') return this.faults.clear(phone.phone);
    if (!isImmediate(spec)) return this.faults.arm(spec as never);
    const devices = [...phone.devices.values()].filter((d) => spec.deviceId === undefined || d.deviceId === spec.deviceId);
    for (const device of devices) {
      const conn = device.connection;
      if (spec.kind === 'stream-error' && spec.code === 401) removeDevice(this, device);
      if (!conn || conn.closed) continue;
      if (spec.kind === 'stream-error') conn.sendAndClose(streamError(spec.code));
      else if (spec.kind === 'xmlstreamend') conn.sendAndClose(node('xmlstreamend', {}));
      else if (spec.kind === 'drop') conn.terminate();
      else if (spec.kind === 'silence') conn.silenced = true;
      else if (spec.kind === 'downgrade') conn.send(node('ib', { from: SERVER_JID }, [node('downgrade_webclient', {})]));
    }
  }

  /** The phone removes a linked device (like "log out" in Linked devices): the app sees 401. */
  unlink(phone: string, deviceId?: number): void {
    this.injectFault({ phone, deviceId, kind: 'stream-error', code: 401 });
  }

  /** Linked companion device ids of a phone, with their online state. */
  devices(phone: string): Array<{ deviceId: number; online: boolean }> {
    return [...this.phone(phone).devices.values()].map((d) => ({ deviceId: d.deviceId, online: !!d.connection && !d.connection.closed }));
  }

  /** Closes every connection and server. */
  async stop(): Promise<void> {
    for (const conn of this.connections) conn.terminate();
    await this.closeServers();
  }
}

