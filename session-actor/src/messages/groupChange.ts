/**
 * The `groupChange` command: the team changes a group through the session's account, as an admin
 * does on the phone — members added, removed, made admin or no longer admin — or its subject or
 * description or its settings (only admins send, edit its info, add members; new members
 * approved), requests to join approved or rejected (groupRequests.ts), or the account leaves it; `groupInviteCode` gives an admin the group's invitation
 * code. WhatsApp then notifies every member (our account too), which the thread shows as
 * a line of its own (groupStubs.ts) and which renames the chat for a new subject.
 * from: the gateway's group routes → here → next: Baileys' `groupParticipantsUpdate`,
 * `groupUpdateSubject`, `groupUpdateDescription`, `groupSettingUpdate`, `groupMemberAddMode`,
 * `groupJoinApprovalMode`.
 */
import { jidNormalizedUser, type GroupMetadata, type WASocket } from '@whiskeysockets/baileys';
import type { GroupChange, GroupMemberAction, GroupMemberOutcome, GroupMemberResult, GroupSetting } from '@switchboard/shared';
import { ActorError } from '../errors.ts';
import { asAdmin, describeGroup, freshMetadata, notAdmin } from './groupInfo.ts';
import { answerJoinRequests } from './groupRequests.ts';
import { isOwnAccount, toRecipientJid } from './jid.ts';

/** What WhatsApp's answer for one member means (its `error` attribute; none is 200). */
export function memberOutcome(action: GroupMemberAction, status: string): GroupMemberOutcome {
  if (status === '200') return 'done';
  if (action === 'add') {
    if (status === '409') return 'already_member';
    if (status === '403') return 'invite_only';
    if (status === '408') return 'recently_left';
    if (status === '404') return 'not_on_whatsapp';
  } else if (status === '404') return 'not_member';
  return 'failed';
}

/** One member named by a change: what was sent to WhatsApp for them, or the outcome settled without asking. */
type Target = { member: string; sent: string } | GroupMemberResult;

/**
 * Members as the change names them to WhatsApp: a member by the id the group knows them by (their
 * LID in a LID group), someone new by phone number. Settled without asking: the account itself,
 * and someone who is not a member for anything but `add`.
 */
async function targets(sock: WASocket, meta: GroupMetadata, action: GroupMemberAction, members: string[]): Promise<Target[]> {
  // The group details name members by phone number, in the participants' order.
  const { members: described } = await describeGroup(sock, meta);
  const byPhone = new Map<string, string>();
  meta.participants.forEach((p, i) => {
    byPhone.set(jidNormalizedUser(p.id), p.id);
    byPhone.set(described[i]!.member, p.id);
  });
  return members.map((raw): Target => {
    const member = jidNormalizedUser(toRecipientJid(raw));
    const inGroup = byPhone.get(member);
    if (isOwnAccount(sock, member, inGroup)) return { member, outcome: 'own_account' };
    if (action === 'add') return { member, sent: member };
    return inGroup ? { member, sent: inGroup } : { member, outcome: 'not_member' };
  });
}

/** Each member's outcome, in the order the change named them. */
async function changeMembers(sock: WASocket, meta: GroupMetadata, action: GroupMemberAction, members: string[]): Promise<GroupMemberResult[]> {
  const named = await targets(sock, meta, action, members);
  const sent = named.flatMap((t) => ('sent' in t ? [t.sent] : []));
  const answers = sent.length ? await asAdmin(() => sock.groupParticipantsUpdate(meta.id, sent, action)) : [];
  const answered = new Map(answers.map((a) => [a.jid ? jidNormalizedUser(a.jid) : '', a.status]));
  return named.map((t) => ('sent' in t ? { member: t.member, outcome: memberOutcome(action, answered.get(jidNormalizedUser(t.sent)) ?? '500') } : t));
}

/** Asks WhatsApp to turn one of the group's settings on or off (admins only). */
function changeSetting(sock: WASocket, jid: string, setting: GroupSetting, on: boolean): Promise<void> {
  switch (setting) {
    case 'sendAdminsOnly':
      return sock.groupSettingUpdate(jid, on ? 'announcement' : 'not_announcement');
    case 'infoAdminsOnly':
      return sock.groupSettingUpdate(jid, on ? 'locked' : 'unlocked');
    case 'addAdminsOnly':
      return sock.groupMemberAddMode(jid, on ? 'admin_add' : 'all_member_add');
    case 'approveNewMembers':
      return sock.groupJoinApprovalMode(jid, on ? 'on' : 'off');
  }
}

/**
 * Applies one change and says what became of each member named. `forget`: the group's cached
 * metadata is stale from now on (WhatsApp's notification says so too, a moment later).
 */
export async function groupChange(sock: WASocket, chatJid: string, change: GroupChange, forget: (jid: string) => void): Promise<{ members: GroupMemberResult[] }> {
  const meta = await freshMetadata(sock, chatJid);
  const account = meta.participants.find((p) => isOwnAccount(sock, p.id, p.phoneNumber, p.lid));
  if (!account) throw new ActorError('not_in_group', 'This WhatsApp account is no longer a member of the group');
  const isAdmin = !!account.admin;
  try {
    if (change.kind === 'leave') {
      await sock.groupLeave(meta.id);
      return { members: [] };
    }
    if (change.kind === 'members') {
      // A group that lets every member add others lets the account add them too.
      if (!isAdmin && !(change.action === 'add' && meta.memberAddMode)) throw notAdmin();
      return { members: await changeMembers(sock, meta, change.action, change.members) };
    }
    if (change.kind === 'requests') {
      if (!isAdmin) throw notAdmin();
      return { members: await answerJoinRequests(sock, meta, change.action, change.members) };
    }
    if (change.kind === 'setting') {
      if (!isAdmin) throw notAdmin();
      await asAdmin(() => changeSetting(sock, meta.id, change.setting, change.on));
      return { members: [] };
    }
    if (meta.restrict && !isAdmin) throw notAdmin();
    if (change.kind === 'subject') await asAdmin(() => sock.groupUpdateSubject(meta.id, change.subject));
    else await asAdmin(() => sock.groupUpdateDescription(meta.id, change.description ?? undefined));
    return { members: [] };
  } finally {
    forget(meta.id);
  }
}

/** The `groupInviteCode` command: the code of the group's invitation link (admins only). */
export async function groupInviteCode(sock: WASocket, chatJid: string): Promise<{ code: string }> {
  const meta = await freshMetadata(sock, chatJid);
  const code = await asAdmin(() => sock.groupInviteCode(meta.id));
  if (!code) throw notAdmin();
  return { code };
}

/**
 * The `groupCreate` command: a new group with the account as its owner. Members WhatsApp did not
 * add (their privacy lets only invitations add them) are said so; the group's chat appears with
 * WhatsApp's creation notice, like any change to a group.
 */
export async function groupCreate(sock: WASocket, subject: string, members: string[]): Promise<{ chatJid: string; members: GroupMemberResult[] }> {
  const asked = [...new Set(members.map((m) => jidNormalizedUser(toRecipientJid(m))))];
  const meta = await sock.groupCreate(subject, asked.filter((m) => !isOwnAccount(sock, m)));
  const added = new Set((await describeGroup(sock, meta)).members.map((m) => m.member));
  return {
    chatJid: jidNormalizedUser(meta.id),
    members: asked.map((member) => ({ member, outcome: isOwnAccount(sock, member) ? 'own_account' : added.has(member) ? 'done' : 'invite_only' })),
  };
}
