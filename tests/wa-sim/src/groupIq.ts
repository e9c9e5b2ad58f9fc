import type { BinaryNode } from '@whiskeysockets/baileys';
import { applySetting, groupNode, SETTING_TAGS, type GroupBook, type MemberIds, type SimGroup } from './groups.ts';
import { answerRequests, requestsNode } from './groupRequests.ts';
import { child, children, contentString, iqError, iqResult, node, parseJid } from './nodes.ts';

/** What the `w:g2` IQs need from the simulator. */
export interface GroupIqContext {
  groups: GroupBook;
  idsOf: MemberIds;
  /** Digits of the phone or contact behind a PN or LID JID (auto-creating contacts when allowed). */
  memberOf(jid: string | undefined): string | undefined;
  /** Whether a contact lets only invitations add them to groups (WhatsApp's group privacy). */
  invitesOnly(digits: string): boolean;
  /** The `<participant>` a notification names a member with, in the group's addressing. */
  participantNode(group: SimGroup, digits: string): BinaryNode;
  /** Sends the member accounts (`adminsOnly`: the admins') a `w:gp2` notification of a change `by` made. */
  notify(group: SimGroup, change: BinaryNode, by: string, adminsOnly?: boolean): void;
}

const CHANGES = ['add', 'remove', 'promote', 'demote'] as const;

/** WhatsApp's per-member answers (an `error` attribute; none when it was done). */
const ALREADY_MEMBER = 409;
const NOT_FOUND = 404;
const INVITE_ONLY = 403;

/**
 * Adds, removes, promotes or demotes members as an admin asked, answering each as WhatsApp does
 * (409 already a member, 404 not one or unknown, 403 with an `add_request` for someone whose
 * privacy lets only invitations add them); the member accounts are told of the members changed
 * (a removed member too, before leaving).
 */
function changeMembers(ctx: GroupIqContext, group: SimGroup, action: BinaryNode, caller: string): BinaryNode {
  const changed: string[] = [];
  const out = children(action, 'participant').map((p) => {
    const digits = ctx.memberOf(p.attrs.jid);
    const error = (code: number, content?: BinaryNode[]) => node('participant', { jid: p.attrs.jid, error: code }, content);
    if (!digits) return error(NOT_FOUND);
    const member = group.members.includes(digits);
    if (action.tag === 'add') {
      if (member) return error(ALREADY_MEMBER);
      if (ctx.invitesOnly(digits)) return error(INVITE_ONLY, [node('add_request', { code: group.id.slice(-8), expiration: Math.floor(Date.now() / 1000) + 3 * 86_400 })]);
    } else if (!member) return error(NOT_FOUND);
    changed.push(digits);
    return node('participant', { jid: p.attrs.jid });
  });
  const change = () => node(action.tag, {}, changed.map((d) => ctx.participantNode(group, d)));
  if (action.tag === 'add') ctx.groups.add(group, changed);
  if (action.tag === 'remove' && changed.length) ctx.notify(group, change(), caller);
  if (action.tag === 'remove') ctx.groups.remove(group, changed);
  for (const d of changed) {
    if (action.tag === 'promote') group.admins.add(d);
    if (action.tag === 'demote') group.admins.delete(d);
  }
  if (action.tag !== 'remove' && changed.length) ctx.notify(group, change(), caller);
  return node(action.tag, {}, out);
}

/** A new description (`<description id prev><body>`), or none (`delete="true"`). */
function changeDescription(ctx: GroupIqContext, group: SimGroup, change: BinaryNode, caller: string): void {
  const body = contentString(child(change, 'body'))?.trim();
  if (change.attrs.delete === 'true' || !body) delete group.description;
  else group.description = body;
  if (change.attrs.id) group.descriptionId = change.attrs.id;
  const id = group.descriptionId ?? `${group.id}d`;
  ctx.notify(group, node('description', { id }, group.description ? [node('body', {}, Buffer.from(group.description))] : [node('delete', {})]), caller);
}

/** Applies a settings change and tells the members with the same node, as WhatsApp does. */
function changeSetting(ctx: GroupIqContext, group: SimGroup, change: BinaryNode, caller: string): boolean {
  if (!applySetting(group, change)) return false;
  ctx.notify(group, node(change.tag, {}, change.content), caller);
  return true;
}

/** The codes an invitation to the group carries: its link's, and the one WhatsApp gives for someone only invitations add. */
export const inviteCodesOf = (group: SimGroup): string[] => [`inv${group.id.slice(-10)}`, group.id.slice(-8)];

/**
 * Accepting an invitation (`groupAcceptInviteV4`: `<accept code expiration admin>`): 401 for a
 * code the group never gave, 410 once expired; a member already is answered as joined. The
 * members hear of the new one (an `add` by the inviter); the one joining writes its own notice,
 * as Baileys does.
 */
function acceptInvite(ctx: GroupIqContext, group: SimGroup, accept: BinaryNode, caller: string, id: string): BinaryNode {
  if (!inviteCodesOf(group).includes(accept.attrs.code ?? '')) return iqError(id, 401, 'not-authorized');
  const expiration = Number(accept.attrs.expiration ?? 0);
  if (expiration > 0 && expiration * 1000 <= Date.now()) return iqError(id, 410, 'gone');
  if (!group.members.includes(caller)) {
    ctx.notify(group, node('add', {}, [ctx.participantNode(group, caller)]), ctx.memberOf(accept.attrs.admin) ?? caller);
    ctx.groups.add(group, [caller]);
  }
  return node('iq', { type: 'result', id, from: group.jid });
}

/**
 * Answers Baileys' `w:g2` IQs (groups.js): `groupMetadata` (`<query>`), `groupFetchAllParticipating`
 * (`<participating>`), `groupCreate`, `groupParticipantsUpdate` (admins only),
 * `groupUpdateSubject`, `groupUpdateDescription` (any member, unless the group is locked),
 * the settings (admins only), requests to join (admins only: `groupRequestParticipantsList`,
 * `groupRequestParticipantsUpdate`), `groupInviteCode` (admins only) and `groupLeave`; changes are
 * notified to the member accounts. `caller` is the digits
 * of the asking account. Other group IQs get an empty result.
 */
export function answerGroupIq(ctx: GroupIqContext, caller: string, iq: BinaryNode): BinaryNode {
  const id = iq.attrs.id ?? '';
  const first = Array.isArray(iq.content) ? iq.content[0] : undefined;
  const to = iq.attrs.to ?? '';
  if (to === '@g.us') {
    if (first?.tag === 'participating') {
      return iqResult(id, [node('groups', {}, ctx.groups.of(caller).map((g) => groupNode(g, ctx.idsOf)))]);
    }
    if (first?.tag === 'create' && iq.attrs.type === 'set') {
      // Someone whose privacy lets only invitations add them is left out, as WhatsApp does.
      const members = children(first, 'participant').map((p) => ctx.memberOf(p.attrs.jid)).filter((d): d is string => !!d && !ctx.invitesOnly(d));
      const group = ctx.groups.create({ subject: first.attrs.subject ?? '', creator: caller, members });
      // Every member account hears of the new group, the creator's too (Baileys: GROUP_CREATE).
      ctx.notify(group, node('create', {}, [groupNode(group, ctx.idsOf)]), caller);
      return iqResult(id, [groupNode(group, ctx.idsOf)]);
    }
    if (first?.tag === 'leave') {
      for (const g of children(first, 'group')) {
        const group = ctx.groups.find(g.attrs.id);
        if (!group?.members.includes(caller)) continue;
        // Everyone hears of it, the one leaving too (Baileys reads its own removal as leaving).
        ctx.notify(group, node('remove', {}, [ctx.participantNode(group, caller)]), caller);
        ctx.groups.remove(group, [caller]);
      }
      return iqResult(id);
    }
    return iqResult(id);
  }
  const group = ctx.groups.find(parseJid(to)?.server === 'g.us' ? to : undefined);
  if (!group) return iqError(id, 404, 'item-not-found');
  if (iq.attrs.type === 'set' && first?.tag === 'accept') return acceptInvite(ctx, group, first, caller, id);
  if (!group.members.includes(caller)) return iqError(id, 403, 'forbidden');
  if (first?.tag === 'query') return iqResult(id, [groupNode(group, ctx.idsOf)]);
  const admin = group.admins.has(caller);
  if (iq.attrs.type === 'set' && first && (CHANGES as readonly string[]).includes(first.tag)) {
    // A group whose settings let every member add others lets them add, nothing more.
    if (!admin && !(first.tag === 'add' && group.settings.allMembersAdd)) return iqError(id, 403, 'forbidden');
    return iqResult(id, [changeMembers(ctx, group, first, caller)]);
  }
  if (iq.attrs.type === 'set' && first && SETTING_TAGS.has(first.tag)) {
    if (!admin) return iqError(id, 403, 'forbidden');
    return changeSetting(ctx, group, first, caller) ? iqResult(id) : iqError(id, 400, 'bad-request');
  }
  if (iq.attrs.type === 'set' && (first?.tag === 'subject' || first?.tag === 'description') && group.settings.locked && !admin) return iqError(id, 403, 'forbidden');
  if (iq.attrs.type === 'set' && first?.tag === 'subject') {
    const subject = contentString(first)?.trim();
    if (!subject) return iqError(id, 400, 'bad-request');
    group.subject = subject;
    ctx.notify(group, node('subject', { subject, s_t: Math.floor(Date.now() / 1000) }), caller);
    return iqResult(id);
  }
  if (iq.attrs.type === 'set' && first?.tag === 'description') {
    changeDescription(ctx, group, first, caller);
    return iqResult(id);
  }
  if (first?.tag === 'membership_approval_requests' || (iq.attrs.type === 'set' && first?.tag === 'membership_requests_action')) {
    if (!admin) return iqError(id, 403, 'forbidden');
    return iqResult(id, [first.tag === 'membership_approval_requests' ? requestsNode(ctx, group) : answerRequests(ctx, group, first, caller)]);
  }
  if (first?.tag === 'invite') {
    // The invitation code (`groupInviteCode`): only admins may see it.
    if (!group.admins.has(caller)) return iqError(id, 403, 'forbidden');
    return iqResult(id, [node('invite', { code: inviteCodesOf(group)[0]! })]);
  }
  return iqResult(id);
}
