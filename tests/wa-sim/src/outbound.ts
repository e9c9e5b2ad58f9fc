import { randomBytes } from 'node:crypto';
import { proto, writeRandomPadMax16, type BinaryNode } from '@whiskeysockets/baileys';
import { addressMentions, buildContactMessage } from './content.ts';
import { answerSecret, answerTo } from './polls.ts';
import type { SimContact } from './contact.ts';
import { takeDeviceBundle } from './keys.ts';
import { node, SERVER_JID, unixNow } from './nodes.ts';
import { SimError, type CompanionDevice } from './phone.ts';
import { ProtocolAddress, SessionBuilder, SessionCipher } from './signalLib.ts';
import type { SignalStore } from './signalStore.ts';
import type { Simulator } from './simulator.ts';
import type { ContactSendInput, ReceiptType } from './types.ts';

/** A WhatsApp-looking message id (`3EB0` + hex). */
export function messageId(): string {
  return `3EB0${randomBytes(10).toString('hex').toUpperCase()}`;
}

/** Sends a stanza to a companion now, or queues it (offline="1") until its next login. */
export function deliver(device: CompanionDevice, stanza: BinaryNode): void {
  const conn = device.connection;
  if (conn && !conn.closed) {
    trackUnacked(device, stanza);
    conn.send(stanza);
  } else if (device.queue.length < 5000) device.queue.push(asOffline(stanza));
}

function asOffline(stanza: BinaryNode): BinaryNode {
  return { ...stanza, attrs: { ...stanza.attrs, offline: '1' } };
}

/** Remembers a message sent to a live companion until it receipts or acks it. */
export function trackUnacked(device: CompanionDevice, stanza: BinaryNode): void {
  const id = stanza.attrs.id;
  if (stanza.tag !== 'message' || !id) return;
  device.unacked ??= new Map();
  if (device.unacked.size < 5000) device.unacked.set(id, asOffline(stanza));
}

/** The companion receipted or acked these messages: WhatsApp will not deliver them again. */
export function settleUnacked(device: CompanionDevice, ids: string[]): void {
  for (const id of ids) device.unacked?.delete(id);
}

/**
 * What a companion gets at login: messages a previous connection never acknowledged (a client
 * killed before its receipt), then the offline queue; every message stays tracked until acked.
 */
export function takeOfflineBacklog(device: CompanionDevice): BinaryNode[] {
  const backlog = [...(device.unacked?.values() ?? []), ...device.queue.splice(0)];
  for (const stanza of backlog) trackUnacked(device, stanza);
  return backlog;
}

/** Encrypts for one companion with a libsignal store, opening a session from its pre-keys when needed. */
export async function encryptWith(store: SignalStore, device: CompanionDevice, plain: Uint8Array): Promise<{ type: string; body: Buffer }> {
  const addr = new ProtocolAddress(device.phone, device.deviceId);
  const record = await store.loadSession(addr.toString());
  if (!record?.haveOpenSession()) {
    await new SessionBuilder(store, addr).initOutgoing(takeDeviceBundle(device) as never);
    // Like the real server, tell a companion that runs low on one-time pre-keys (wa-sim.md §3.3).
    if (device.preKeys.size < 5) {
      device.connection?.send(node('notification', { from: SERVER_JID, type: 'encrypt', id: messageId(), t: unixNow() }, [node('count', { value: device.preKeys.size })]));
    }
  }
  const { type, body } = await new SessionCipher(store, addr).encrypt(plain);
  return { type: type === 3 ? 'pkmsg' : 'msg', body: Buffer.from(body as unknown as string, 'binary') };
}

/** Encrypts one message from a contact to every companion of the account (wa-sim.md §5). */
export async function contactSend(sim: Simulator, contact: SimContact, input: ContactSendInput, onlyDevice?: number): Promise<{ id: string }> {
  const phone = sim.phones.get(input.to);
  if (!phone) throw new SimError('unknown_phone', `no simulated phone ${input.to}`, 404);
  const id = input.id ?? messageId();
  if (phone.blocked.has(contact.phone)) {
    // WhatsApp takes it (one tick on the contact's phone) and never delivers it.
    sim.emit('blocked-message', { contact: contact.phone, to: phone.phone, id });
    return { id };
  }
  const account = `${phone.phone}@s.whatsapp.net`;
  // A vote or an answer to an event names its message as the answerer's chat does: the account's, the contact's own when they created it.
  const answer = answerTo(input, (creator) => ({ secret: answerSecret(sim.received(contact.phone), creator.id), remoteJid: account, fromMe: creator.digits === contact.phone, creatorJid: creator.digits === contact.phone ? contact.jid : account, answererJid: contact.jid }));
  const built = buildContactMessage(sim.media, { ...addressMentions(input, (digits) => `${digits}@s.whatsapp.net`), id, ...(answer ? { resolvedAnswer: answer } : {}) }, sim.options.mediaOverHttps);
  const plain = writeRandomPadMax16(proto.Message.encode(built.message).finish());
  contact.sentTo.set(id, phone.phone);
  contact.remember(id, input);
  sim.media.rememberMessage(id, built.message);
  const t = unixNow();
  await contact.serial(async () => {
    for (const device of phone.devices.values()) {
      if (onlyDevice !== undefined && device.deviceId !== onlyDevice) continue;
      const broken = sim.faults.take(phone.phone, device.deviceId, 'undecryptable', (f) => !f.contact || f.contact === contact.phone);
      const enc = broken ? { type: 'msg', body: randomBytes(64) } : await encryptWith(contact.store, device, plain);
      if (broken) contact.retryable.set(id, input);
      const encNode = node('enc', { v: 2, type: enc.type, mediatype: built.mediatype }, enc.body);
      const attrs = { from: contact.jid, id, t, type: built.type, notify: contact.name || undefined, sender_lid: contact.lidJid };
      deliver(device, node('message', attrs, [encNode]));
    }
  });
  sim.emit('sent', { contact: contact.phone, to: phone.phone, id });
  return { id };
}

/**
 * Answers the app's retry receipt: re-sends the message to that companion. A message broken on
 * purpose keeps the session; otherwise the session is rebuilt from a fresh pre-key bundle.
 */
export async function retryToDevice(sim: Simulator, contact: SimContact, device: CompanionDevice, id: string, count: number): Promise<void> {
  const broken = contact.retryable.get(id);
  contact.retryable.delete(id);
  const input = broken ?? contact.recent.get(id);
  if (!input || count > 3) return;
  // Closed, not deleted: app messages in flight on the old session must still decrypt.
  if (!broken) await contact.serial(async () => contact.store.closeOpenSession(new ProtocolAddress(device.phone, device.deviceId).toString()));
  await contactSend(sim, contact, { ...input, id }, device.deviceId);
}

/** A contact's receipt for a message the app sent (delivery has no type attribute). */
export function receiptToApp(sim: Simulator, contact: SimContact, ids: string[], type: ReceiptType, account: string, jid = contact.jid): void {
  const phone = sim.phones.get(account);
  if (!phone || ids.length === 0) return;
  const [first, ...rest] = ids;
  const list = rest.length ? [node('list', {}, rest.map((id) => node('item', { id })))] : undefined;
  const stanza = node('receipt', { from: jid, id: first, t: unixNow(), type: type === 'delivery' ? undefined : type }, list);
  for (const device of phone.devices.values()) deliver(device, stanza);
}

/** A contact's chat state (composing/paused/recording) or presence (available/unavailable). */
export function contactPresence(sim: Simulator, contact: SimContact, account: string, state: 'composing' | 'paused' | 'recording' | 'available' | 'unavailable'): void {
  const phone = sim.phones.get(account);
  if (!phone) throw new SimError('unknown_phone', `no simulated phone ${account}`, 404);
  const stanza =
    state === 'available' || state === 'unavailable'
      ? node('presence', { from: contact.jid, type: state, last: state === 'unavailable' ? unixNow() : undefined })
      : node('chatstate', { from: contact.jid }, [state === 'recording' ? node('composing', { media: 'audio' }) : node(state, {})]);
  for (const device of phone.onlineDevices()) device.connection?.send(stanza);
}
