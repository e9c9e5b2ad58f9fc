import type { BinaryNode } from '@whiskeysockets/baileys';
import type { SimContact } from './contact.ts';
import { child, children, contentString, node, parseJid } from './nodes.ts';
import { ownDeviceList } from './ownDevices.ts';
import type { SimPhone } from './phone.ts';

/** Who a number or LID belongs to in the simulator. */
export type Directory = {
  lookup(user: string): { contact?: SimContact; phone?: SimPhone };
  /** Creates a contact for an unknown number when auto-creation is on. */
  autoContact(phone: string): SimContact | undefined;
};

function userNode(jid: string, protocols: string[], found: { contact?: SimContact; phone?: SimPhone }, requester?: string): BinaryNode {
  const lid = found.contact?.lid ?? found.phone?.lid;
  const content: BinaryNode[] = [];
  for (const proto of protocols) {
    if (proto === 'devices') {
      // Contacts have one device (0). The asking account lists its phone (device 0) and every
      // linked companion, each served with a key bundle, so that the app encrypts a self-sync
      // copy of what it sends for each of them (wa-sim.md §4.1, §4.5). Other simulated
      // accounts list no devices.
      const own = found.phone && found.phone.phone === requester ? found.phone : undefined;
      const devices = own ? ownDeviceList(own) : found.contact ? [node('device', { id: 0 })] : [];
      content.push(node('devices', {}, [node('device-list', {}, devices)]));
    } else if (proto === 'lid' && lid) {
      content.push(node('lid', { val: `${lid}@lid` }));
    } else if (proto === 'contact') {
      content.push(node('contact', { type: found.contact || found.phone ? 'in' : 'out' }));
    }
  }
  return node('user', { jid }, content);
}

/** Answers a `usync` query of `requester`'s companion (its digits): devices, LIDs and on-WhatsApp checks (wa-sim.md §4.1). */
export function answerUsync(dir: Directory, iq: BinaryNode, requester?: string): BinaryNode {
  const usync = child(iq, 'usync');
  const protocols = children(child(usync, 'query')).map((q) => q.tag);
  const out: BinaryNode[] = [];
  for (const user of children(child(usync, 'list'), 'user')) {
    const contactQuery = contentString(child(user, 'contact'));
    if (!user.attrs.jid && contactQuery) {
      const digits = contactQuery.replace(/\D/g, '');
      const found = dir.lookup(digits);
      out.push(userNode(`${digits}@s.whatsapp.net`, protocols, found, requester));
      continue;
    }
    const parsed = parseJid(user.attrs.jid);
    if (!parsed || !user.attrs.jid) continue;
    let found = dir.lookup(parsed.user);
    if (!found.contact && !found.phone && parsed.server === 's.whatsapp.net' && protocols.includes('devices')) {
      const contact = dir.autoContact(parsed.user);
      if (contact) found = { contact };
    }
    if (!found.contact && !found.phone && !protocols.includes('contact')) continue;
    out.push(userNode(user.attrs.jid, protocols, found, requester));
  }
  return node('usync', { sid: usync?.attrs.sid, index: '0', last: 'true' }, [node('list', {}, out)]);
}
