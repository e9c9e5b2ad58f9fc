import { proto, writeRandomPadMax16, type BinaryNode } from '@whiskeysockets/baileys';
import { buildContactMessage, parseAppMessage, type ReferencedMessage } from './content.ts';
import type { SimContact } from './contact.ts';
import { decryptWith } from './inbound.ts';
import { node, parseJid, unixNow } from './nodes.ts';
import { deliver, encryptWith, messageId, receiptToApp } from './outbound.ts';
import { SimError, type CompanionDevice, type SimPhone } from './phone.ts';
import type { Simulator } from './simulator.ts';
import type { PhoneSendInput, ReceivedMessage } from './types.ts';

/** Keys of a decrypted message that carry no content of their own. */
const NO_CONTENT = new Set(['messageContextInfo', 'senderKeyDistributionMessage']);

/**
 * The account's phone reads a pairwise `<enc>` a companion addressed to it (wa-sim.md §4.5): the
 * self-sync copy of a 1:1 send (`deviceSentMessage{destinationJid, message}`), a peer message or
 * a group sender key. Everything is decrypted, so the phone's sessions stay in step; only
 * self-sync copies with content are recorded (`sim.phoneReceived`, event `phone-message`).
 */
export function onOwnPhoneCopy(sim: Simulator, phone: SimPhone, device: CompanionDevice, enc: BinaryNode, id: string): void {
  void phone
    .serial(async () => {
      const message = await decryptWith(phone.store, device, enc);
      const dsm = message.deviceSentMessage;
      if (!dsm?.message || Object.keys(proto.Message.fromObject(dsm.message).toJSON()).every((k) => NO_CONTENT.has(k))) return;
      const dest = parseJid(dsm.destinationJid ?? undefined);
      const to = (dest && sim.lookup(dest.user).contact?.phone) ?? dest?.user ?? '';
      // Like any client, a message key seen before (a resend with the same id) is shown once.
      if (phone.received.some((m) => m.id === id && m.fromDevice === device.deviceId)) return;
      const received: ReceivedMessage = { id, from: phone.phone, to, ...parseAppMessage(sim.media, message), fromDevice: device.deviceId, at: Date.now() };
      phone.received.push(received);
      sim.emit('phone-message', received);
    })
    .catch((err: unknown) => sim.log.warn({ err: String(err), id }, 'the phone could not decrypt a message from its companion'));
}

/**
 * The message of the chat with `contact` that a phone's quote or reaction refers to, as the
 * phone sees it: one the contact wrote (not fromMe) or one the account wrote (from the phone or
 * a companion). A phone can only refer to a message in that chat.
 */
function referenced(phone: SimPhone, contact: SimContact, id: string): ReferencedMessage {
  if (contact.sentTo.get(id) === phone.phone) {
    return { remoteJid: contact.jid, fromMe: false, participant: contact.jid, text: contact.recent.get(id)?.text };
  }
  const own = contact.received.find((m) => m.id === id && m.from === phone.phone && !m.group);
  if (own) return { remoteJid: contact.jid, fromMe: true, participant: phone.jid, text: own.text };
  throw new SimError('unknown_message', `no message ${id} in the chat of ${phone.phone} with ${contact.phone}`, 404);
}

/**
 * The account owner writes to a contact in the WhatsApp app on the phone (wa-sim.md §4.5): the
 * contact receives it (recorded as from the account, auto receipts as for the app's sends) and
 * every linked companion gets the self-sync copy, encrypted by the phone:
 * `<message from="ACCOUNT@s.whatsapp.net" recipient="CONTACT@s.whatsapp.net">` holding
 * `deviceSentMessage{destinationJid, message}`, which Baileys emits as a `fromMe` message of the
 * contact's chat. Offline companions get it at their next login. A reaction or quote names its
 * target as WhatsApp clients do (`key.fromMe`/`participant`: who wrote it), in the same bytes
 * for the contact and the companions.
 */
export async function phoneSend(sim: Simulator, phone: SimPhone, contact: SimContact, input: PhoneSendInput): Promise<{ id: string }> {
  const target = input.reaction?.targetId ?? input.quotedId;
  const ref = target ? referenced(phone, contact, target) : undefined;
  // Media is uploaded for the account: its companions are the ones that download the copy.
  const built = buildContactMessage(sim.media, { ...input, to: phone.phone }, sim.options.mediaOverHttps, ref);
  const id = input.id ?? messageId();
  const t = unixNow();
  sim.media.rememberMessage(id, built.message);
  const copy = writeRandomPadMax16(proto.Message.encode({ deviceSentMessage: { destinationJid: contact.jid, message: built.message } }).finish());
  await phone.serial(async () => {
    for (const device of phone.devices.values()) {
      const enc = await encryptWith(phone.store, device, copy);
      const encNode = node('enc', { v: 2, type: enc.type, mediatype: built.mediatype }, enc.body);
      deliver(device, node('message', { from: phone.jid, recipient: contact.jid, id, t, type: built.type }, [encNode]));
    }
  });
  const received: ReceivedMessage = { id, from: phone.phone, to: contact.phone, ...parseAppMessage(sim.media, built.message), at: Date.now() };
  if (!contact.received.some((m) => m.id === id && m.from === phone.phone)) {
    contact.received.push(received);
    sim.emit('message', received);
  }
  // The contact's receipts reach every device of the account, after the copy.
  if (contact.autoReceipts.delivery) receiptToApp(sim, contact, [id], 'delivery', phone.phone);
  if (contact.autoReceipts.read) receiptToApp(sim, contact, [id], 'read', phone.phone);
  return { id };
}
