import { proto, unpadRandomMax16, type BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { accountJids, readAppMessage } from './content.ts';
import type { SimContact } from './contact.ts';
import { onAppGroupMessage } from './groupInbound.ts';
import { retryGroupToDevice } from './groupMessages.ts';
import { onMediaRetryRequest } from './mediaRetry.ts';
import { beBytes, child, children, contentBytes, node, parseJid, unixNow } from './nodes.ts';
import { deliver, receiptToApp, retryToDevice, settleUnacked } from './outbound.ts';
import { ownCompanionOf, relayToCompanion } from './ownDevices.ts';
import type { CompanionDevice } from './phone.ts';
import { onOwnPhoneCopy } from './selfSync.ts';
import { ProtocolAddress, SessionCipher } from './signalLib.ts';
import type { SignalStore } from './signalStore.ts';
import type { Simulator } from './simulator.ts';
import type { ReceiptType } from './types.ts';

function sendAck(sim: Simulator, conn: SimConnection, device: CompanionDevice, id: string, to: string): void {
  const ack = node('ack', { class: 'message', id, from: to, t: unixNow() });
  if (sim.faults.take(device.phone, device.deviceId, 'ack-drop')) return;
  const delay = sim.faults.take(device.phone, device.deviceId, 'ack-delay');
  if (delay) setTimeout(() => conn.send(ack), delay.ms).unref();
  else conn.send(ack);
}

/** Decrypts a pairwise `pkmsg`/`msg` a companion sent to a contact. */
export function decryptFor(contact: SimContact, device: CompanionDevice, enc: BinaryNode): Promise<proto.Message> {
  return decryptWith(contact.store, device, enc);
}

/** Decrypts a pairwise `pkmsg`/`msg` a companion sent, with the receiver's store (a contact's or the account phone's). */
export async function decryptWith(store: SignalStore, device: CompanionDevice, enc: BinaryNode): Promise<proto.Message> {
  const cipher = new SessionCipher(store, new ProtocolAddress(device.phone, device.deviceId));
  const body = contentBytes(enc) ?? Buffer.alloc(0);
  const padded = enc.attrs.type === 'pkmsg' ? await cipher.decryptPreKeyWhisperMessage(body) : await cipher.decryptWhisperMessage(body);
  return proto.Message.decode(unpadRandomMax16(padded));
}

/**
 * Like a real client, a contact that cannot decrypt asks the sender to re-encrypt (wa-sim.md
 * §4.4.7). The receipt goes to the sending device, queued like any stanza while it is offline
 * (a companion killed right after the send gets it at its next login, as from WhatsApp).
 */
function askForRetry(contact: SimContact, device: CompanionDevice, id: string, to: string): void {
  const count = (contact.retries.get(id) ?? 0) + 1;
  contact.retries.set(id, count);
  if (count > 2) return;
  deliver(
    device,
    node('receipt', { from: to, id, t: unixNow(), type: 'retry' }, [
      node('retry', { count, id, t: unixNow(), v: 1 }),
      node('registration', {}, beBytes(contact.store.registrationId, 4)),
    ]),
  );
}

/**
 * Sends the retry receipts a contact held back (fault `unreadable-send` with `hold`) to the
 * sending companion's current connection; those of an offline companion stay held. Returns the
 * message ids asked for.
 */
export function releaseHeldRetries(contact: SimContact): string[] {
  const released: string[] = [];
  for (const held of [...contact.heldRetries]) {
    const conn = held.device.connection;
    if (!conn || conn.closed) continue;
    contact.heldRetries.splice(contact.heldRetries.indexOf(held), 1);
    askForRetry(contact, held.device, held.id, held.to);
    released.push(held.id);
  }
  return released;
}

/** Handles a `<message>` the app sent: server ack, decryption as each contact, auto receipts. */
export function onAppMessage(sim: Simulator, conn: SimConnection, stanza: BinaryNode): void {
  const device = conn.device;
  const id = stanza.attrs.id ?? '';
  const to = stanza.attrs.to ?? '';
  if (!device) return;
  const rejected = sim.faults.take(device.phone, device.deviceId, 'send-error') ?? sim.faults.take(device.phone, device.deviceId, 'rate-overlimit');
  if (rejected) {
    const code = rejected.kind === 'send-error' ? (rejected.code ?? 500) : 429;
    conn.send(node('ack', { class: 'message', id, from: to, t: unixNow(), error: code }));
    return;
  }
  sendAck(sim, conn, device, id, to);
  if (parseJid(to)?.server === 'g.us') return onAppGroupMessage(sim, conn, device, stanza);
  const targets = children(child(stanza, 'participants'), 'to').map((t) => ({ jid: t.attrs.jid, enc: child(t, 'enc') }));
  for (const enc of children(stanza, 'enc')) targets.push({ jid: to, enc });
  for (const target of targets) {
    const parsed = parseJid(target.jid);
    const found = parsed && parsed.device === 0 ? sim.lookup(parsed.user) : {};
    // The self-sync copy for the account's own phone (or a peer message to it).
    if (found.phone && found.phone.phone === device.phone && target.enc) {
      onOwnPhoneCopy(sim, found.phone, device, target.enc, id);
      continue;
    }
    // The self-sync copy for another companion of the account: relayed, as WhatsApp does.
    const phone = sim.phones.get(device.phone);
    const companion = phone && ownCompanionOf(sim, phone, target.jid);
    if (phone && companion && companion !== device && target.enc) {
      relayToCompanion(phone, device, companion, target.enc, stanza);
      continue;
    }
    const contact = found.contact;
    if (!contact || !target.enc) continue;
    const unreadable = sim.faults.take(device.phone, device.deviceId, 'unreadable-send', (f) => !f.contact || f.contact === contact.phone);
    if (unreadable) {
      // As if decryption failed: the ciphertext is dropped, the contact's Signal state untouched.
      sim.log.debug({ id, to: target.jid, hold: unreadable.hold === true }, 'app message unreadable (fault)');
      if (unreadable.hold) contact.heldRetries.push({ id, to, device });
      else askForRetry(contact, device, id, to);
      continue;
    }
    const encNode = target.enc;
    sim.log.debug({ id, to: target.jid, type: encNode.attrs.type }, 'app message');
    void contact
      .serial(async () => {
        const message = await decryptFor(contact, device, encNode);
        const parsedMsg = readAppMessage(sim.media, message, contact.received, accountJids(sim, device.phone));
        const received = { id, from: device.phone, to: contact.phone, ...parsedMsg, at: Date.now() };
        if (parsedMsg.kind === 'unknown' && !message.protocolMessage && Object.keys(message.toJSON()).every((k) => k === 'messageContextInfo' || k === 'senderKeyDistributionMessage')) return;
        // Like a WhatsApp client, a message key seen before (an app resending after a crash with
        // the same id) is the same message: receipted again, shown once.
        if (!contact.received.some((m) => m.id === id && m.from === device.phone)) {
          contact.received.push(received);
          sim.emit('message', received);
        } else contact.duplicates.push(id);
        const jid = to; // answer in the addressing (PN or LID) the app used
        if (contact.autoReceipts.delivery) receiptToApp(sim, contact, [id], 'delivery', device.phone, jid);
        if (contact.autoReceipts.read) receiptToApp(sim, contact, [id], 'read', device.phone, jid);
      })
      .catch((err: unknown) => {
        sim.log.warn({ err: String(err), id }, 'could not decrypt app message');
        askForRetry(contact, device, id, to);
      });
  }
}

/** Handles a `<receipt>` the app sent for a contact's message (and retry requests). */
export function onAppReceipt(sim: Simulator, conn: SimConnection, stanza: BinaryNode): void {
  const device = conn.device;
  const id = stanza.attrs.id ?? '';
  const to = stanza.attrs.to ?? '';
  conn.send(node('ack', { class: 'receipt', id, from: to, type: stanza.attrs.type }));
  const ids = [id, ...children(child(stanza, 'list'), 'item').map((i) => i.attrs.id ?? '')];
  // Any receipt (even a retry request) settles the delivery; a retry re-sends it afresh.
  if (device) settleUnacked(device, ids);
  // Addressed to the account's own phone: re-upload expired media.
  if (stanza.attrs.type === 'server-error') return onMediaRetryRequest(sim, conn, stanza);
  // In a group the receipt goes to the group, and `participant` names the member it answers.
  const parsed = parseJid(parseJid(to)?.server === 'g.us' ? stanza.attrs.participant : to);
  const contact = parsed ? sim.lookup(parsed.user).contact : undefined;
  if (!device || !contact) return;
  const type = stanza.attrs.type ?? 'delivery';
  // `sender`: the app got the self-sync copy of a message the phone sent (selfSync.ts).
  if (type === 'sender') return;
  if (type === 'retry') {
    const count = Number(child(stanza, 'retry')?.attrs.count ?? 1);
    void retryGroupToDevice(sim, contact, device, id, count)
      .then((group) => (group ? undefined : retryToDevice(sim, contact, device, id, count)))
      .catch((err: unknown) => sim.log.warn({ err: String(err), id }, 'retry failed'));
    return;
  }
  sim.emit('receipt', { phone: device.phone, contact: contact.phone, ids, type: type as ReceiptType });
}

/** Handles `<presence>` and `<chatstate>` from the app. */
export function onAppPresence(sim: Simulator, conn: SimConnection, stanza: BinaryNode): void {
  const device = conn.device;
  if (!device) return;
  const to = parseJid(stanza.attrs.to)?.user;
  const state = stanza.tag === 'chatstate' && Array.isArray(stanza.content) ? stanza.content[0]?.tag : stanza.attrs.type;
  sim.emit('presence', { phone: device.phone, to, type: state ?? 'available' });
  if (stanza.attrs.type === 'subscribe' && to) {
    const contact = sim.lookup(to).contact;
    if (contact) conn.send(node('presence', { from: stanza.attrs.to, type: 'available' }));
  }
}
