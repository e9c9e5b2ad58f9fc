import { proto, unpadRandomMax16, writeRandomPadMax16, type BinaryNode } from '@whiskeysockets/baileys';
import { buildContactMessage, parseAppMessage, type ReferencedMessage } from './content.ts';
import type { SimContact } from './contact.ts';
import { contactJids } from './groupMessages.ts';
import { memberJids, type SimGroup } from './groups.ts';
import { node, unixNow } from './nodes.ts';
import { deliver, encryptWith, messageId } from './outbound.ts';
import { SimError, type SimPhone } from './phone.ts';
import type { Simulator } from './simulator.ts';
import type { GroupSendInput, ReceivedMessage } from './types.ts';

/**
 * The group message a phone's quote or reaction refers to, as the phone sees it: one a member
 * contact wrote there, or one the account wrote there (from a companion or the phone).
 */
function referenced(sim: Simulator, phone: SimPhone, group: SimGroup, id: string): ReferencedMessage {
  for (const digits of group.members) {
    const contact = sim.contacts.get(digits);
    if (contact?.groupSent.get(id)?.group === group.jid) {
      return { remoteJid: group.jid, fromMe: false, participant: contactJids(group, contact).jid, text: contact.groupSent.get(id)?.input.text };
    }
    const own = contact?.received.find((m) => m.id === id && m.group === group.jid && m.from === phone.phone);
    if (own) return { remoteJid: group.jid, fromMe: true, participant: memberJids(group, { pn: phone.phone, lid: phone.lid }).jid, text: own.text };
  }
  throw new SimError('unknown_message', `no message ${id} in ${group.jid}`, 404);
}

/** A member contact reads the phone's message with the phone's sender key, and receipts it. */
async function readAsContact(sim: Simulator, phone: SimPhone, group: SimGroup, contact: SimContact, id: string, skdm: Buffer, body: Buffer): Promise<void> {
  // Phone and contact are both simulated: the sender key goes to the contact directly (on
  // WhatsApp it travels pairwise in the same stanza, as it does to the companions below).
  if (!contact.senderKeys.has(group.jid, phone.phone, 0)) await contact.senderKeys.process(group.jid, phone.phone, 0, skdm);
  const message = proto.Message.decode(unpadRandomMax16(await contact.senderKeys.decrypt(group.jid, phone.phone, 0, body)));
  const received: ReceivedMessage = { id, from: phone.phone, to: contact.phone, group: group.jid, ...parseAppMessage(sim.media, message), at: Date.now() };
  if (contact.received.some((m) => m.id === id && m.from === phone.phone)) return;
  contact.received.push(received);
  sim.emit('message', received);
  if (!contact.autoReceipts.delivery) return;
  const receipt = node('receipt', { from: group.jid, participant: contactJids(group, contact).jid, id, t: unixNow() });
  for (const device of phone.devices.values()) deliver(device, receipt);
}

/**
 * The account owner writes in a group from the phone (wa-sim.md §5.4): as any member, the phone
 * encrypts once with its own sender key (`skmsg`) and every companion of every member account
 * gets `<message from="G@g.us" participant="ACCOUNT…">` with the phone's sender key first,
 * pairwise from the phone (device 0), to each companion that lacks it. Baileys reads a
 * `participant` of its own account as `fromMe` in the group chat (group messages carry no
 * `deviceSentMessage`). Member contacts read it with the same sender key and receipt it.
 */
export async function phoneSendToGroup(sim: Simulator, phone: SimPhone, group: SimGroup, input: GroupSendInput): Promise<{ id: string }> {
  if (!group.members.includes(phone.phone)) throw new SimError('not_member', `${phone.phone} is not a member of ${group.jid}`, 403);
  const target = input.reaction?.targetId ?? input.quotedId;
  const ref = target ? referenced(sim, phone, group, target) : undefined;
  const built = buildContactMessage(sim.media, { ...input, to: phone.phone }, sim.options.mediaOverHttps, ref);
  const id = input.id ?? messageId();
  sim.media.rememberMessage(id, built.message);
  const plain = writeRandomPadMax16(proto.Message.encode(built.message).finish());
  const who = memberJids(group, { pn: phone.phone, lid: phone.lid });
  const attrs = { from: group.jid, participant: who.jid, [who.altAttr]: who.alt, addressing_mode: group.addressing, id, t: unixNow(), type: built.type, notify: phone.name || undefined };
  const { body, skdm } = await phone.serial(async () => {
    const sealed = await phone.senderKeys.encrypt(group.jid, phone.phone, plain);
    const distribution = writeRandomPadMax16(proto.Message.encode({ senderKeyDistributionMessage: { groupId: group.jid, axolotlSenderKeyDistributionMessage: sealed.skdm } }).finish());
    for (const account of group.members.flatMap((d) => sim.phones.get(d) ?? [])) {
      for (const device of account.devices.values()) {
        const content: BinaryNode[] = [];
        const holder = `${group.jid}|${device.phone}:${device.deviceId}`;
        if (!phone.senderKeyHolders.has(holder)) {
          const enc = await encryptWith(phone.store, device, distribution);
          content.push(node('enc', { v: 2, type: enc.type }, enc.body));
          phone.senderKeyHolders.add(holder);
        }
        content.push(node('enc', { v: 2, type: 'skmsg', mediatype: built.mediatype }, sealed.body));
        deliver(device, node('message', attrs, content));
      }
    }
    return sealed;
  });
  for (const contact of group.members.flatMap((d) => sim.contacts.get(d) ?? [])) {
    await contact.serial(() => readAsContact(sim, phone, group, contact, id, skdm, body));
  }
  return { id };
}
