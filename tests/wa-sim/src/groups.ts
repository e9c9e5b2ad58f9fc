import { randomInt } from 'node:crypto';
import type { BinaryNode } from '@whiskeysockets/baileys';
import { child, contentString, node } from './nodes.ts';
import { SimError } from './phone.ts';

/**
 * How a group addresses its members: by phone number (`pn`, participants `…@s.whatsapp.net`
 * with their LID alongside) or by LID (`lid`, the default of new WhatsApp groups).
 */
export type GroupAddressing = 'pn' | 'lid';

/** A WhatsApp group in the simulator; members are accounts (phones) and contacts, by digits. */
export interface SimGroup {
  /** User part of the JID (`120363…`). */
  id: string;
  jid: string;
  subject: string;
  /** Digits of the member who created it (a superadmin). */
  creator: string;
  /** Unix seconds. */
  creation: number;
  addressing: GroupAddressing;
  members: string[];
  admins: Set<string>;
  /** The group's description, if any. */
  description?: string;
  /** The id of its latest description (Baileys sends it back as `prev` when changing it). */
  descriptionId?: string;
  /** Its settings (WhatsApp's "Group settings"); new groups: everything open, only admins add. */
  settings: SimGroupSettings;
  /** Who asked to join by link and waits for an admin (approval on), by digits: when (unix seconds) and how. */
  requests: Map<string, { at: number; method: string }>;
}

/**
 * A group's settings, as its `<group>` node carries them: `<announcement/>` (only admins send),
 * `<locked/>` (only admins edit the info), `<member_add_mode>` (`admin_add` or
 * `all_member_add`), `<membership_approval_mode>` (an admin approves who joins).
 */
export interface SimGroupSettings {
  announce: boolean;
  locked: boolean;
  allMembersAdd: boolean;
  approval: boolean;
}

/** The tags of a settings change (Baileys' `groupSettingUpdate`, `groupMemberAddMode`, `groupJoinApprovalMode`). */
export const SETTING_TAGS = new Set(['announcement', 'not_announcement', 'locked', 'unlocked', 'member_add_mode', 'membership_approval_mode']);

/** The node that turns one setting on or off, as Baileys sends it and WhatsApp tells the members. */
export function settingNode(setting: keyof SimGroupSettings, on: boolean): BinaryNode {
  switch (setting) {
    case 'announce':
      return node(on ? 'announcement' : 'not_announcement', {});
    case 'locked':
      return node(on ? 'locked' : 'unlocked', {});
    case 'allMembersAdd':
      return node('member_add_mode', {}, on ? 'all_member_add' : 'admin_add');
    case 'approval':
      return node('membership_approval_mode', {}, [node('group_join', { state: on ? 'on' : 'off' })]);
  }
}

/** Applies a settings node (`settingNode`'s, or an IQ's) to the group; false when it is malformed. */
export function applySetting(g: SimGroup, change: BinaryNode): boolean {
  const s = g.settings;
  if (change.tag === 'announcement' || change.tag === 'not_announcement') s.announce = change.tag === 'announcement';
  else if (change.tag === 'locked' || change.tag === 'unlocked') s.locked = change.tag === 'locked';
  else if (change.tag === 'member_add_mode') {
    const mode = contentString(change);
    if (mode !== 'admin_add' && mode !== 'all_member_add') return false;
    s.allMembersAdd = mode === 'all_member_add';
  } else if (change.tag === 'membership_approval_mode') {
    const state = child(change, 'group_join')?.attrs.state;
    if (state !== 'on' && state !== 'off') return false;
    s.approval = state === 'on';
  } else return false;
  return true;
}

/** A group as the programmatic and HTTP APIs return it. */
export interface GroupInfo {
  jid: string;
  subject: string;
  description: string | null;
  creator: string;
  addressing: GroupAddressing;
  members: string[];
  admins: string[];
  settings: SimGroupSettings;
  /** Digits of whoever waits for an admin to approve their request to join. */
  requests: string[];
}

/** The PN and LID user parts of a member (from the simulator's directory). */
export type MemberIds = (digits: string) => { pn: string; lid: string } | undefined;

/** Presents a group for the APIs. */
export function groupInfo(g: SimGroup): GroupInfo {
  return { jid: g.jid, subject: g.subject, description: g.description ?? null, creator: g.creator, addressing: g.addressing, members: [...g.members], admins: [...g.admins], settings: { ...g.settings }, requests: [...g.requests.keys()] };
}

/** The member's JID in the group's addressing, and the other identity as the attribute that carries it. */
export function memberJids(g: SimGroup, ids: { pn: string; lid: string }): { jid: string; alt: string; altAttr: 'participant_pn' | 'participant_lid' } {
  const pn = `${ids.pn}@s.whatsapp.net`;
  const lid = `${ids.lid}@lid`;
  return g.addressing === 'lid' ? { jid: lid, alt: pn, altAttr: 'participant_pn' } : { jid: pn, alt: lid, altAttr: 'participant_lid' };
}

/** The `<group>` node Baileys' `extractGroupMetadata` reads (groups.js). */
export function groupNode(g: SimGroup, idsOf: MemberIds): BinaryNode {
  const jidOf = (digits: string) => {
    const ids = idsOf(digits);
    return ids ? memberJids(g, ids).jid : `${digits}@s.whatsapp.net`;
  };
  const participants = g.members.map((digits) => {
    const ids = idsOf(digits);
    const type = digits === g.creator ? 'superadmin' : g.admins.has(digits) ? 'admin' : undefined;
    const alt = ids && (g.addressing === 'lid' ? { phone_number: `${ids.pn}@s.whatsapp.net` } : { lid: `${ids.lid}@lid` });
    return node('participant', { jid: jidOf(digits), type, ...alt });
  });
  const settings = [
    ...(g.settings.announce ? [node('announcement', {})] : []),
    ...(g.settings.locked ? [node('locked', {})] : []),
    node('member_add_mode', {}, g.settings.allMembersAdd ? 'all_member_add' : 'admin_add'),
    ...(g.settings.approval ? [node('membership_approval_mode', {}, [node('group_join', { state: 'on' })])] : []),
  ];
  const description = g.description ? [node('description', { id: g.descriptionId ?? `${g.id}d`, t: g.creation, participant: jidOf(g.creator) }, [node('body', {}, Buffer.from(g.description))])] : [];
  return node(
    'group',
    {
      id: g.id,
      subject: g.subject,
      s_o: jidOf(g.creator),
      s_t: g.creation,
      creation: g.creation,
      creator: jidOf(g.creator),
      addressing_mode: g.addressing,
      size: g.members.length,
    },
    [...description, ...settings, ...participants],
  );
}

/** The simulator's groups, by user part of the JID. */
export class GroupBook {
  readonly byId = new Map<string, SimGroup>();

  /** Creates a group; the creator is a member and its superadmin. */
  create(input: { subject: string; creator: string; members: string[]; addressing?: GroupAddressing; description?: string }): SimGroup {
    if (!input.subject.trim()) throw new SimError('bad_subject', 'a group needs a subject');
    const newId = () => `120363${String(randomInt(0, 1e12)).padStart(12, '0')}`;
    let id = newId();
    while (this.byId.has(id)) id = newId();
    const members = [...new Set([input.creator, ...input.members])];
    const group: SimGroup = {
      id,
      jid: `${id}@g.us`,
      subject: input.subject,
      creator: input.creator,
      creation: Math.floor(Date.now() / 1000),
      addressing: input.addressing ?? 'pn',
      members,
      admins: new Set([input.creator]),
      settings: { announce: false, locked: false, allMembersAdd: false, approval: false },
      requests: new Map(),
      ...(input.description?.trim() ? { description: input.description.trim() } : {}),
    };
    this.byId.set(id, group);
    return group;
  }

  /** A group by JID or id, if any. */
  find(jidOrId: string | undefined): SimGroup | undefined {
    return jidOrId ? this.byId.get(jidOrId.split('@')[0] ?? '') : undefined;
  }

  /** A group by JID or id; throws `unknown_group` (404). */
  get(jidOrId: string): SimGroup {
    const group = this.find(jidOrId);
    if (!group) throw new SimError('unknown_group', `no simulated group ${jidOrId}`, 404);
    return group;
  }

  /** Groups a phone or contact belongs to. */
  of(digits: string): SimGroup[] {
    return [...this.byId.values()].filter((g) => g.members.includes(digits));
  }

  /** Adds members (idempotent); returns those newly added. */
  add(group: SimGroup, digits: string[]): string[] {
    const added = digits.filter((d) => !group.members.includes(d));
    group.members.push(...added);
    return added;
  }

  /** Removes members; returns those that were members. */
  remove(group: SimGroup, digits: string[]): string[] {
    const removed = digits.filter((d) => group.members.includes(d));
    group.members = group.members.filter((d) => !removed.includes(d));
    for (const d of removed) group.admins.delete(d);
    return removed;
  }
}
