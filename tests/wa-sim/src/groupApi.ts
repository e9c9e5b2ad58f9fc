import type { BinaryNode } from '@whiskeysockets/baileys';
import type { GroupIqContext } from './groupIq.ts';
import { notifyGroup } from './groupMessages.ts';
import { applySetting, groupInfo, memberJids, settingNode, type GroupAddressing, type GroupInfo, type SimGroup, type SimGroupSettings } from './groups.ts';
import { node, parseJid } from './nodes.ts';
import { assertDigits, SimError } from './phone.ts';
import type { Simulator } from './simulator.ts';

/** The PN and LID user parts of a simulated phone or contact. */
export function memberIds(sim: Simulator, digits: string): { pn: string; lid: string } | undefined {
  const owner = sim.contacts.get(digits) ?? sim.phones.get(digits);
  return owner && { pn: owner.phone, lid: owner.lid };
}

function assertKnown(sim: Simulator, digits: string[]): void {
  for (const d of digits) if (!memberIds(sim, d)) throw new SimError('unknown_member', `no simulated phone or contact ${d}`, 404);
}

/** What the `w:g2` IQs need: the group book and the directory (unknown PN numbers may become contacts). */
export function groupIqContext(sim: Simulator, autoContact: (digits: string) => { phone: string } | undefined): GroupIqContext {
  return {
    groups: sim.groups,
    idsOf: (d) => memberIds(sim, d),
    invitesOnly: (d) => sim.contacts.get(d)?.groupInvitesOnly ?? false,
    participantNode: (g, d) => participantNode(sim, g, d),
    notify: (g, change, by, adminsOnly) => notifyGroup(sim, g, change, by, adminsOnly),
    memberOf: (jid) => {
      const parsed = parseJid(jid);
      if (!parsed) return undefined;
      const found = sim.lookup(parsed.user);
      return (found.contact ?? found.phone ?? (parsed.server === 's.whatsapp.net' ? autoContact(parsed.user) : undefined))?.phone;
    },
  };
}

/** A member as a `w:gp2` notification names them: the group's addressing, the other identity beside it. */
export function participantNode(sim: Simulator, g: SimGroup, digits: string): BinaryNode {
  const ids = memberIds(sim, digits);
  if (!ids) return node('participant', { jid: `${digits}@s.whatsapp.net` });
  const who = memberJids(g, ids);
  return node('participant', { jid: who.jid, ...(g.addressing === 'lid' ? { phone_number: who.alt } : { lid: who.alt }) });
}

/** Creates a group of phones and contacts (digits); `creator` (default the first member) is its superadmin. */
export function createGroup(sim: Simulator, input: { subject: string; members: string[]; creator?: string; addressing?: GroupAddressing; description?: string }): GroupInfo {
  const members = input.members.map((m) => assertDigits(String(m)));
  assertKnown(sim, [...members, ...(input.creator ? [input.creator] : [])]);
  const creator = input.creator ?? members[0];
  if (!creator) throw new SimError('bad_members', 'a group needs at least one member');
  return groupInfo(sim.groups.create({ subject: input.subject, creator, members, addressing: input.addressing, description: input.description }));
}

/**
 * Adds phones or contacts to a group (as its creator's "add participant" does); member accounts
 * get the `w:gp2` `<add>` notification naming the new members.
 */
export function addToGroup(sim: Simulator, group: string, members: string[]): GroupInfo {
  const g = sim.groups.get(group);
  assertKnown(sim, members);
  const added = sim.groups.add(g, members);
  if (added.length) notifyGroup(sim, g, node('add', {}, added.map((d) => participantNode(sim, g, d))), g.creator);
  return groupInfo(g);
}

/** A member (default the creator) renames a group; member accounts get the `w:gp2` notification. */
export function setGroupSubject(sim: Simulator, group: string, subject: string, by?: string): GroupInfo {
  const g = sim.groups.get(group);
  const author = by ?? g.creator;
  if (!g.members.includes(author)) throw new SimError('not_member', `${author} is not a member of ${g.jid}`, 403);
  if (!subject.trim()) throw new SimError('bad_subject', 'a group needs a subject');
  g.subject = subject;
  const ids = memberIds(sim, author);
  notifyGroup(sim, g, node('subject', { subject, s_o: ids && memberJids(g, ids).jid, s_t: Math.floor(Date.now() / 1000) }), author);
  return groupInfo(g);
}

/**
 * An admin (default the creator) changes a group's settings; member accounts get a `w:gp2`
 * notification for each setting that changed, as when an admin changes them on the phone.
 */
export function setGroupSettings(sim: Simulator, group: string, change: Partial<SimGroupSettings>, by?: string): GroupInfo {
  const g = sim.groups.get(group);
  const author = by ?? g.creator;
  if (!g.admins.has(author)) throw new SimError('not_admin', `${author} is not an admin of ${g.jid}`, 403);
  for (const [setting, on] of Object.entries(change) as [keyof SimGroupSettings, boolean | undefined][]) {
    if (on === undefined || on === g.settings[setting]) continue;
    const n = settingNode(setting, on);
    applySetting(g, n);
    notifyGroup(sim, g, n, author);
  }
  return groupInfo(g);
}
