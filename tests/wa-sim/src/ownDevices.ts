import type { BinaryNode } from '@whiskeysockets/baileys';
import { memberJids, type SimGroup } from './groups.ts';
import { bundleNode, takeDeviceBundle } from './keys.ts';
import { child, children, node, parseJid, unixNow } from './nodes.ts';
import { deliver, messageId } from './outbound.ts';
import type { CompanionDevice, SimPhone } from './phone.ts';
import type { Simulator } from './simulator.ts';

/*
 * The other companions of an account (wa-sim.md §4.5): WhatsApp lists every device of the
 * account to each of its companions, serves their key bundles and relays what one companion
 * encrypts for another. Baileys then sends each of them the self-sync copy of a 1:1 send
 * (`messages-send.js` `relayMessage`: own devices but the sending one get `deviceSentMessage`).
 */

/**
 * The `<device-list>` entries of an account as its own companions see it: the phone (device 0)
 * and every linked companion, the asking one included (`extractDeviceJids` drops it). A
 * non-zero device carries the `key-index` its ADV identity was signed with at pairing
 * (pairing.ts: the device id), or Baileys drops it.
 */
export function ownDeviceList(phone: SimPhone): BinaryNode[] {
  const companions = [...phone.devices.keys()].sort((a, b) => a - b).map((id) => node('device', { id, 'key-index': id }));
  return [node('device', { id: 0 }), ...companions];
}

/**
 * The key-bundle `<user>` of another companion of the asking account (§4.2), built from what it
 * uploaded; issues (and forgets) one of its one-time pre-keys, as for a contact's session.
 */
export function companionBundle(jid: string, device: CompanionDevice): BinaryNode {
  const b = takeDeviceBundle(device);
  return bundleNode(jid, { registrationId: b.registrationId, identity: b.identityKey, signedPreKey: b.signedPreKey, preKey: b.preKey });
}

/** The companion of `phone` a `<to jid>` of a send names (PN or LID, device ≥ 1), if any. */
export function ownCompanionOf(sim: Simulator, phone: SimPhone, jid: string | undefined): CompanionDevice | undefined {
  const parsed = parseJid(jid);
  if (!parsed || parsed.device === 0 || sim.lookup(parsed.user).phone !== phone) return undefined;
  return phone.devices.get(parsed.device);
}

/**
 * Relays to companion `target` what companion `sender` encrypted for it in a 1:1 send
 * (`stanza`), as WhatsApp does: `<message from="ACCOUNT:SENDER@…" recipient="<the chat>">` with
 * the `<enc>` untouched (and the sender's `<device-identity>` for a pkmsg). `from` names the
 * sending device, in the chat's addressing, so Baileys decrypts with that device's session;
 * `recipient` makes it a `fromMe` message of the chat (`decodeMessageNode`).
 */
export function relayToCompanion(phone: SimPhone, sender: CompanionDevice, target: CompanionDevice, enc: BinaryNode, stanza: BinaryNode): void {
  const chat = stanza.attrs.to ?? '';
  const from = parseJid(chat)?.server === 'lid' ? `${phone.lid}:${sender.deviceId}@lid` : `${phone.phone}:${sender.deviceId}@s.whatsapp.net`;
  const content = [enc];
  const identity = child(stanza, 'device-identity');
  if (enc.attrs.type === 'pkmsg' && identity) content.push(identity);
  const attrs = { from, recipient: chat, id: stanza.attrs.id, t: unixNow(), type: stanza.attrs.type ?? 'text' };
  deliver(target, node('message', attrs, content));
}

/**
 * Relays a companion's group send (`stanza`, to `group`) to the other companions of its account,
 * as WhatsApp fans a group message out to every member device: each gets
 * `<message from="G@g.us" participant="ACCOUNT:SENDER@…">` with what the sender encrypted for it
 * pairwise (its sender key, or on a retry the message itself) and the `skmsg`. A `participant`
 * of its own account makes it `fromMe` in the group chat (`decodeMessageNode`).
 */
export function relayGroupToCompanions(phone: SimPhone, sender: CompanionDevice, group: SimGroup, stanza: BinaryNode, pairwise: Map<CompanionDevice, BinaryNode>): void {
  // A retry resend names one device (`participant`) and carries no skmsg for the others.
  const skmsg = stanza.attrs.participant ? undefined : children(stanza, 'enc').find((e) => e.attrs.type === 'skmsg');
  const who = memberJids(group, { pn: phone.phone, lid: phone.lid });
  const ofSender = (jid: string) => jid.replace('@', `:${sender.deviceId}@`);
  const identity = child(stanza, 'device-identity');
  for (const target of phone.devices.values()) {
    const enc = pairwise.get(target);
    if (target === sender || (!enc && !skmsg)) continue;
    const content = [...(enc ? [enc] : []), ...(skmsg ? [skmsg] : []), ...(enc?.attrs.type === 'pkmsg' && identity ? [identity] : [])];
    const attrs = { from: group.jid, participant: ofSender(who.jid), [who.altAttr]: ofSender(who.alt), addressing_mode: group.addressing, id: stanza.attrs.id, t: unixNow(), type: stanza.attrs.type ?? 'text' };
    deliver(target, node('message', attrs, content));
  }
}

/**
 * Tells the other companions of `phone` that `device` was linked (`add`) or removed (`remove`),
 * as WhatsApp does: `<notification from="ACCOUNT@s.whatsapp.net" type="devices"><add|remove>
 * <device jid key-index/></…></notification>`. Baileys (`handleDevicesNotification`) updates its
 * cached device list of the account (and drops the sessions of a removed device), so a send
 * within the cache's 5 minutes reaches a companion linked meanwhile.
 */
export function notifyOwnDevices(phone: SimPhone, device: CompanionDevice, change: 'add' | 'remove'): void {
  const entry = node('device', { jid: `${phone.phone}:${device.deviceId}@s.whatsapp.net`, 'key-index': device.deviceId });
  for (const other of phone.devices.values()) {
    if (other === device) continue;
    deliver(other, node('notification', { from: phone.jid, type: 'devices', id: messageId(), t: unixNow() }, [node(change, {}, [entry])]));
  }
}
