import { proto, writeRandomPadMax16, type BinaryNode } from '@whiskeysockets/baileys';
import { addressMentions, buildContactMessage } from './content.ts';
import type { SimContact } from './contact.ts';
import { memberJids, type SimGroup } from './groups.ts';
import { node, unixNow } from './nodes.ts';
import { deliver, encryptWith, messageId } from './outbound.ts';
import { SimError, type CompanionDevice } from './phone.ts';
import { ProtocolAddress } from './signalLib.ts';
import type { Simulator } from './simulator.ts';
import type { GroupSendInput } from './types.ts';
import { answerSecret, answerTo, type AnswerInput } from './polls.ts';

/** The key of "this companion holds the contact's sender key for this group". */
const holderKey = (group: SimGroup, device: CompanionDevice) => `${group.jid}|${device.phone}:${device.deviceId}`;

/** The contact's JIDs as the group addresses it. */
export function contactJids(group: SimGroup, contact: SimContact) {
  return memberJids(group, { pn: contact.phone, lid: contact.lid });
}

/** A vote or an answer to an event in a group, its creator and answerer named as the group addresses members (phone numbers or LIDs). */
function answerIn(sim: Simulator, group: SimGroup, answererJid: string, answerer: string, input: GroupSendInput): AnswerInput | undefined {
  return answerTo(input, (creator) => {
    const owner = sim.contacts.get(creator.digits) ?? sim.phones.get(creator.digits);
    if (!owner) throw new SimError('unknown_contact', `no simulated contact or phone ${creator.digits}`, 404);
    const creatorJid = memberJids(group, { pn: owner.phone, lid: owner.lid }).jid;
    return { secret: answerSecret(sim.received(answerer), creator.id), remoteJid: group.jid, fromMe: creator.digits === answerer, participant: creatorJid, creatorJid, answererJid };
  });
}

/**
 * A member contact writes in a group: the message is encrypted once with the contact's sender
 * key (`skmsg`) and delivered to every companion of every member account, each with
 * `participant` set to the contact; a companion that lacks the sender key first gets it in a
 * pairwise `pkmsg`/`msg` in the same stanza, as WhatsApp clients do.
 */
export async function contactSendToGroup(sim: Simulator, contact: SimContact, group: SimGroup, input: GroupSendInput, only?: CompanionDevice): Promise<{ id: string }> {
  if (!group.members.includes(contact.phone)) throw new SimError('not_member', `${contact.phone} is not a member of ${group.jid}`, 403);
  if (group.settings.announce && !group.admins.has(contact.phone)) throw new SimError('admins_only', `only admins send messages to ${group.jid}`, 403);
  const accounts = group.members.flatMap((d) => sim.phones.get(d) ?? []);
  const addressed = addressMentions(input, (digits) => {
    const owner = sim.contacts.get(digits) ?? sim.phones.get(digits);
    return owner ? memberJids(group, { pn: owner.phone, lid: owner.lid }).jid : `${digits}@s.whatsapp.net`;
  });
  const id = input.id ?? messageId();
  const who = contactJids(group, contact);
  const answer = answerIn(sim, group, who.jid, contact.phone, input);
  const built = buildContactMessage(sim.media, { ...addressed, id, to: accounts[0]?.phone ?? contact.phone, ...(answer ? { resolvedAnswer: answer } : {}) }, sim.options.mediaOverHttps);
  if (built.message.reactionMessage?.key) built.message.reactionMessage.key.remoteJid = group.jid;
  if (built.message.protocolMessage?.key) built.message.protocolMessage.key.remoteJid = group.jid;
  contact.groupSent.set(id, { group: group.jid, input });
  if (contact.groupSent.size > 500) contact.groupSent.delete(contact.groupSent.keys().next().value as string);
  const plain = writeRandomPadMax16(proto.Message.encode(built.message).finish());
  const attrs = {
    from: group.jid, participant: who.jid, [who.altAttr]: who.alt, addressing_mode: group.addressing,
    id, t: unixNow(), type: built.type, notify: contact.name || undefined,
  };
  await contact.serial(async () => {
    const { body, skdm } = await contact.senderKeys.encrypt(group.jid, contact.phone, plain);
    const distribution = writeRandomPadMax16(proto.Message.encode({ senderKeyDistributionMessage: { groupId: group.jid, axolotlSenderKeyDistributionMessage: skdm } }).finish());
    for (const phone of accounts) {
      for (const device of phone.devices.values()) {
        if (only && device !== only) continue;
        const content: BinaryNode[] = [];
        if (!contact.senderKeyHolders.has(holderKey(group, device))) {
          const enc = await encryptWith(contact.store, device, distribution);
          content.push(node('enc', { v: 2, type: enc.type }, enc.body));
          contact.senderKeyHolders.add(holderKey(group, device));
        }
        content.push(node('enc', { v: 2, type: 'skmsg', mediatype: built.mediatype }, body));
        deliver(device, node('message', attrs, content));
      }
    }
  });
  sim.emit('sent', { contact: contact.phone, to: group.jid, id });
  return { id };
}

/**
 * Pushes a `w:gp2` notification (`<subject>`, `<add>`…) about `group` to every companion of every
 * member account (`adminsOnly`: of the admins'), as done by `by` (digits of a member or of whoever
 * asks to join), like WhatsApp after a change.
 */
export function notifyGroup(sim: Simulator, group: SimGroup, change: BinaryNode, by: string, adminsOnly = false): void {
  const owner = sim.contacts.get(by) ?? sim.phones.get(by);
  const who = owner ? memberJids(group, { pn: owner.phone, lid: owner.lid }) : undefined;
  const stanza = node('notification', { from: group.jid, type: 'w:gp2', id: messageId(), t: unixNow(), participant: who?.jid, ...(who ? { [who.altAttr]: who.alt } : {}) }, [change]);
  const told = adminsOnly ? group.members.filter((d) => group.admins.has(d)) : group.members;
  for (const phone of told.flatMap((d) => sim.phones.get(d) ?? [])) {
    for (const device of phone.devices.values()) deliver(device, stanza);
  }
}

/**
 * Answers the app's retry receipt for a contact's group message: that companion gets the
 * sender key again, on a fresh pairwise session, with the message re-encrypted.
 */
export async function retryGroupToDevice(sim: Simulator, contact: SimContact, device: CompanionDevice, id: string, count: number): Promise<boolean> {
  const sent = contact.groupSent.get(id);
  const group = sent && sim.groups.find(sent.group);
  if (!sent || !group) return false;
  if (count > 3) return true;
  contact.senderKeyHolders.delete(holderKey(group, device));
  await contact.serial(async () => contact.store.closeOpenSession(new ProtocolAddress(device.phone, device.deviceId).toString()));
  await contactSendToGroup(sim, contact, group, { ...sent.input, id }, device);
  return true;
}
