import type { BinaryNode } from '@whiskeysockets/baileys';
import { groupNode, type GroupBook, type MemberIds, type SimGroup } from './groups.ts';
import { child, children, contentString, iqError, iqResult, node, parseJid } from './nodes.ts';

/** What the `w:g2` IQs need from the simulator. */
export interface GroupIqContext {
  groups: GroupBook;
  idsOf: MemberIds;
  /** Digits of the phone or contact behind a PN or LID JID (auto-creating contacts when allowed). */
  memberOf(jid: string | undefined): string | undefined;
}

const CHANGES = ['add', 'remove', 'promote', 'demote'] as const;

function changeMembers(ctx: GroupIqContext, group: SimGroup, action: BinaryNode): BinaryNode {
  const out = children(action, 'participant').map((p) => {
    const digits = ctx.memberOf(p.attrs.jid);
    if (!digits) return node('participant', { jid: p.attrs.jid, error: 404 });
    if (action.tag === 'add') ctx.groups.add(group, [digits]);
    else if (action.tag === 'remove') ctx.groups.remove(group, [digits]);
    else if (!group.members.includes(digits)) return node('participant', { jid: p.attrs.jid, error: 404 });
    else if (action.tag === 'promote') group.admins.add(digits);
    else group.admins.delete(digits);
    return node('participant', { jid: p.attrs.jid });
  });
  return node(action.tag, {}, out);
}

/**
 * Answers Baileys' `w:g2` IQs (groups.js): `groupMetadata` (`<query>`), `groupFetchAllParticipating`
 * (`<participating>`), `groupCreate`, `groupParticipantsUpdate`, `groupUpdateSubject` and
 * `groupLeave`. `caller` is the digits of the asking account. Other group IQs get an empty result.
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
      const members = children(first, 'participant').map((p) => ctx.memberOf(p.attrs.jid)).filter((d): d is string => !!d);
      const group = ctx.groups.create({ subject: first.attrs.subject ?? '', creator: caller, members });
      return iqResult(id, [groupNode(group, ctx.idsOf)]);
    }
    if (first?.tag === 'leave') {
      for (const g of children(first, 'group')) {
        const group = ctx.groups.find(g.attrs.id);
        if (group) ctx.groups.remove(group, [caller]);
      }
      return iqResult(id);
    }
    return iqResult(id);
  }
  const group = ctx.groups.find(parseJid(to)?.server === 'g.us' ? to : undefined);
  if (!group) return iqError(id, 404, 'item-not-found');
  if (!group.members.includes(caller)) return iqError(id, 403, 'forbidden');
  if (first?.tag === 'query') return iqResult(id, [groupNode(group, ctx.idsOf)]);
  if (iq.attrs.type === 'set' && first && (CHANGES as readonly string[]).includes(first.tag)) {
    if (!group.admins.has(caller)) return iqError(id, 403, 'forbidden');
    return iqResult(id, [changeMembers(ctx, group, first)]);
  }
  if (iq.attrs.type === 'set' && first?.tag === 'subject') {
    const subject = contentString(first)?.trim();
    if (!subject) return iqError(id, 400, 'bad-request');
    group.subject = subject;
    return iqResult(id);
  }
  return iqResult(id, child(iq, 'invite') ? [node('invite', { code: group.id })] : undefined);
}
