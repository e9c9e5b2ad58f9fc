import { proto, unpadRandomMax16, type BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { accountJids, readAppMessage } from './content.ts';
import type { SimContact } from './contact.ts';
import { contactJids } from './groupMessages.ts';
import type { SimGroup } from './groups.ts';
import { decryptFor } from './inbound.ts';
import { beBytes, child, children, contentBytes, node, parseJid, unixNow } from './nodes.ts';
import { deliver } from './outbound.ts';
import { ownCompanionOf, relayGroupToCompanions } from './ownDevices.ts';
import { onOwnPhoneCopy } from './selfSync.ts';
import type { CompanionDevice } from './phone.ts';
import type { Simulator } from './simulator.ts';
import type { ReceiptType, ReceivedMessage } from './types.ts';

/** What one app stanza to a group carries. */
interface GroupStanza {
  sim: Simulator;
  conn: SimConnection;
  device: CompanionDevice;
  group: SimGroup;
  id: string;
}

/** A member contact's receipt for a group message the app sent (`participant` names the contact). */
function groupReceipt(s: GroupStanza, contact: SimContact, type: ReceiptType): void {
  groupReceiptToApp(s.sim, s.device.phone, s.group, contact, s.id, type);
}

/** A member's receipt for message `id` that `account` sent to `group`, to every companion of the account. */
export function groupReceiptToApp(sim: Simulator, account: string, group: SimGroup, contact: SimContact, id: string, type: ReceiptType): void {
  const phone = sim.phones.get(account);
  if (!phone) return;
  const stanza = node('receipt', { from: group.jid, participant: contactJids(group, contact).jid, id, t: unixNow(), type: type === 'delivery' ? undefined : type });
  for (const device of phone.devices.values()) deliver(device, stanza);
}

/** Like a real member, a contact without the sender key asks the app to send the message again. */
function askForGroupRetry(s: GroupStanza, contact: SimContact): void {
  const count = (contact.retries.get(s.id) ?? 0) + 1;
  contact.retries.set(s.id, count);
  if (count > 2) return;
  s.conn.send(
    node('receipt', { from: s.group.jid, participant: contactJids(s.group, contact).jid, id: s.id, t: unixNow(), type: 'retry' }, [
      node('retry', { count, id: s.id, t: unixNow(), v: 1 }),
      node('registration', {}, beBytes(contact.store.registrationId, 4)),
    ]),
  );
}

/** Records a decrypted group message as received by the contact (once per id), with its receipts. */
function record(s: GroupStanza, contact: SimContact, message: proto.IMessage): void {
  const parsed = readAppMessage(s.sim.media, message, contact.received, accountJids(s.sim, s.device.phone));
  const received: ReceivedMessage = { id: s.id, from: s.device.phone, to: contact.phone, group: s.group.jid, ...parsed, at: Date.now() };
  if (!contact.received.some((m) => m.id === s.id && m.from === s.device.phone)) {
    contact.received.push(received);
    s.sim.emit('message', received);
  } else contact.duplicates.push(s.id);
  if (contact.autoReceipts.delivery) groupReceipt(s, contact, 'delivery');
  if (contact.autoReceipts.read) groupReceipt(s, contact, 'read');
}

/** A pairwise part: the app's sender key, and on a retry the message itself. */
async function onPairwise(s: GroupStanza, contact: SimContact, enc: BinaryNode): Promise<void> {
  const message = await decryptFor(contact, s.device, enc);
  const skdm = message.senderKeyDistributionMessage;
  if (skdm?.axolotlSenderKeyDistributionMessage && skdm.groupId) {
    await contact.senderKeys.process(skdm.groupId, s.device.phone, s.device.deviceId, skdm.axolotlSenderKeyDistributionMessage);
  }
  const rest = Object.keys(message.toJSON()).filter((k) => k !== 'senderKeyDistributionMessage' && k !== 'messageContextInfo');
  if (rest.length) record(s, contact, message);
}

/**
 * A `<message to="…@g.us">` from the app (messages-send.js `relayMessage`, group branch): the
 * `<participants>` carry the app's sender key distribution message, pairwise encrypted for each
 * member device that lacks it; the `skmsg` is the message itself, for every member. Each member
 * contact stores the sender key, then decrypts the `skmsg` with the group cipher; one without
 * the key sends a retry receipt, and the app's answer (`participant` set, a pairwise message
 * with the sender key inside) is read here too.
 */
export function onAppGroupMessage(sim: Simulator, conn: SimConnection, device: CompanionDevice, stanza: BinaryNode): void {
  const group = sim.groups.find(stanza.attrs.to);
  if (!group) return;
  const s: GroupStanza = { sim, conn, device, group, id: stanza.attrs.id ?? '' };
  const pairwise = children(child(stanza, 'participants'), 'to').map((t) => ({ jid: t.attrs.jid, enc: child(t, 'enc') }));
  if (stanza.attrs.participant) {
    for (const enc of children(stanza, 'enc')) if (enc.attrs.type !== 'skmsg') pairwise.push({ jid: stanza.attrs.participant, enc });
  }
  const phone = sim.phones.get(device.phone);
  const forCompanions = new Map<CompanionDevice, BinaryNode>();
  for (const target of pairwise) {
    // What the app encrypted for another companion of its account: relayed below.
    const companion = phone && ownCompanionOf(sim, phone, target.jid);
    if (companion && target.enc) {
      forCompanions.set(companion, target.enc);
      continue;
    }
    const parsed = parseJid(target.jid);
    const found = parsed && parsed.device === 0 ? sim.lookup(parsed.user) : {};
    const enc = target.enc;
    // The app's sender key for the account's own phone: read, so the phone's session keeps step.
    if (found.phone && found.phone.phone === device.phone && enc) {
      onOwnPhoneCopy(sim, found.phone, device, enc, s.id);
      continue;
    }
    const contact = found.contact;
    if (!contact || !enc) continue;
    void contact.serial(() => onPairwise(s, contact, enc)).catch((err: unknown) => sim.log.warn({ err: String(err), id: s.id }, 'could not decrypt a group message part'));
  }
  if (phone) relayGroupToCompanions(phone, device, group, stanza, forCompanions);
  const body = contentBytes(children(stanza, 'enc').find((e) => e.attrs.type === 'skmsg'));
  if (!body) return;
  for (const digits of group.members) {
    const contact = sim.contacts.get(digits);
    if (!contact) continue;
    // Queued after the sender key of this same stanza (one serial chain per contact).
    void contact
      .serial(async () => {
        if (!contact.senderKeys.has(group.jid, device.phone, device.deviceId)) return askForGroupRetry(s, contact);
        const padded = await contact.senderKeys.decrypt(group.jid, device.phone, device.deviceId, body);
        record(s, contact, proto.Message.decode(unpadRandomMax16(padded)));
      })
      .catch((err: unknown) => {
        sim.log.warn({ err: String(err), id: s.id, contact: digits }, 'could not decrypt a group message');
        askForGroupRetry(s, contact);
      });
  }
}
