import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimConnection } from './connection.ts';
import { children, iqError, iqResult, node, parseJid, unixNow } from './nodes.ts';
import { deliver, messageId } from './outbound.ts';
import { SimError } from './phone.ts';
import type { Simulator } from './simulator.ts';

/**
 * An account's blocklist, as WhatsApp keeps it: the contacts (digits) the account blocked. A
 * blocked contact's messages to the account are taken by the server (one tick on their phone)
 * and never delivered; unblocking does not deliver them later.
 */

/** The contact a blocklist item names: by LID (`<lid>@lid`, as Baileys sends it) or PN. */
function contactOf(sim: Simulator, jid: string | undefined): string | undefined {
  const parsed = parseJid(jid);
  if (!parsed) return undefined;
  if (parsed.server === 'lid') {
    const owner = sim.byLid.get(parsed.user);
    return owner && sim.contacts.has(owner.phone) ? owner.phone : undefined;
  }
  return sim.contacts.has(parsed.user) ? parsed.user : undefined;
}

/** One blocklist `<item>` naming a contact by LID, as WhatsApp lists and notifies them. */
function itemNode(sim: Simulator, digits: string, action?: 'block' | 'unblock'): BinaryNode {
  const contact = sim.contacts.get(digits);
  return node('item', { jid: contact ? contact.lidJid : `${digits}@s.whatsapp.net`, ...(action ? { action } : {}) });
}

/**
 * `iq xmlns=blocklist`: `get` lists the account's blocked contacts (`<list><item jid/>…`);
 * `set` with `<item action="block|unblock" jid=<lid> [pn_jid]/>` changes it (Baileys'
 * `updateBlockStatus`). An unknown contact is 404, a bad action 400.
 */
export function answerBlocklistIq(sim: Simulator, conn: SimConnection, iq: BinaryNode): BinaryNode {
  const id = iq.attrs.id ?? '';
  const phone = conn.device ? sim.phones.get(conn.device.phone) : undefined;
  if (iq.attrs.type !== 'set') return iqResult(id, [node('list', {}, [...(phone?.blocked ?? [])].map((d) => itemNode(sim, d)))]);
  if (!phone) return iqError(id, 401, 'not-authorized');
  for (const item of children(iq, 'item')) {
    const action = item.attrs.action;
    if (action !== 'block' && action !== 'unblock') return iqError(id, 400, 'bad-request');
    const digits = contactOf(sim, item.attrs.jid) ?? contactOf(sim, item.attrs.pn_jid);
    if (!digits) return iqError(id, 404, 'item-not-found');
    if (action === 'block') phone.blocked.add(digits);
    else phone.blocked.delete(digits);
    sim.emit('blocklist', { phone: phone.phone, contact: digits, blocked: action === 'block' });
  }
  return iqResult(id);
}

/**
 * The account's owner blocks or unblocks a contact on the phone: the linked companions hear of
 * it by an `account_sync` notification (Baileys' `blocklist.update`), queued while offline.
 */
export function blockFromPhone(sim: Simulator, account: string, contact: string, blocked: boolean): { blocked: string[] } {
  const phone = sim.phones.get(account);
  if (!phone) throw new SimError('unknown_phone', `no simulated phone ${account}`, 404);
  if (!sim.contacts.has(contact)) throw new SimError('unknown_contact', `no simulated contact ${contact}`, 404);
  if (blocked) phone.blocked.add(contact);
  else phone.blocked.delete(contact);
  const stanza = node('notification', { from: phone.jid, type: 'account_sync', id: messageId(), t: unixNow() }, [
    node('blocklist', {}, [itemNode(sim, contact, blocked ? 'block' : 'unblock')]),
  ]);
  for (const device of phone.devices.values()) deliver(device, stanza);
  sim.emit('blocklist', { phone: phone.phone, contact, blocked });
  return { blocked: [...phone.blocked] };
}

/** The contacts (digits) an account blocked. */
export function blocklistOf(sim: Simulator, account: string): string[] {
  const phone = sim.phones.get(account);
  if (!phone) throw new SimError('unknown_phone', `no simulated phone ${account}`, 404);
  return [...phone.blocked];
}
