/**
 * Requests to join a group by its link while its admins approve new members (WhatsApp's
 * "Approve new participants"): a contact asks (`requestToJoin`) and the admin accounts hear of it
 * (`<created_membership_requests>`); an admin lists the requests (`<membership_approval_requests>`)
 * and approves or rejects each (`<membership_requests_action>`), and whoever asked may withdraw
 * (`<revoked_membership_requests>`, as a rejection is told too). Without approval, asking is
 * joining. Baileys: `groupRequestParticipantsList`, `groupRequestParticipantsUpdate`, the
 * `GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST_NON_ADMIN_ADD` stub.
 */
import type { BinaryNode } from '@whiskeysockets/baileys';
import { memberIds, participantNode } from './groupApi.ts';
import type { GroupIqContext } from './groupIq.ts';
import { notifyGroup } from './groupMessages.ts';
import { groupInfo, type GroupInfo, type SimGroup } from './groups.ts';
import { children, node } from './nodes.ts';
import { SimError } from './phone.ts';
import type { Simulator } from './simulator.ts';

/** WhatsApp's per-member answer for someone who has no pending request. */
const NO_REQUEST = 404;

/** A contact asks to join with the group's link: pending when admins approve new members, else in at once. */
export function requestToJoin(sim: Simulator, group: string, digits: string, method = 'invite_link'): GroupInfo {
  const g = sim.groups.get(group);
  if (!memberIds(sim, digits)) throw new SimError('unknown_member', `no simulated phone or contact ${digits}`, 404);
  if (g.members.includes(digits)) throw new SimError('already_member', `${digits} is already a member of ${g.jid}`, 409);
  if (!g.settings.approval) {
    sim.groups.add(g, [digits]);
    // Joined by themselves: the members read "X se unió".
    notifyGroup(sim, g, node('add', {}, [participantNode(sim, g, digits)]), digits);
    return groupInfo(g);
  }
  if (!g.requests.has(digits)) {
    g.requests.set(digits, { at: Math.floor(Date.now() / 1000), method });
    notifyGroup(sim, g, node('created_membership_requests', { request_method: method }, [participantNode(sim, g, digits)]), digits, true);
  }
  return groupInfo(g);
}

/** Whoever asked takes their request back; the admins hear of it. */
export function withdrawJoinRequest(sim: Simulator, group: string, digits: string): GroupInfo {
  const g = sim.groups.get(group);
  if (!g.requests.delete(digits)) throw new SimError('no_request', `${digits} has not asked to join ${g.jid}`, 404);
  notifyGroup(sim, g, node('revoked_membership_requests', {}, [participantNode(sim, g, digits)]), digits, true);
  return groupInfo(g);
}

/** The pending requests, each named as the group names members, with when and how. */
export function requestsNode(ctx: GroupIqContext, g: SimGroup): BinaryNode {
  return node(
    'membership_approval_requests',
    {},
    [...g.requests].map(([digits, r]) => node('membership_approval_request', { ...ctx.participantNode(g, digits).attrs, request_method: r.method, request_time: r.at })),
  );
}

/**
 * An admin approves (the member is added; everyone hears of it) or rejects (the admins hear of
 * it) each request named; one without a request is answered 404.
 */
export function answerRequests(ctx: GroupIqContext, g: SimGroup, actions: BinaryNode, caller: string): BinaryNode {
  const action = children(actions)[0];
  if (!action || (action.tag !== 'approve' && action.tag !== 'reject')) return node('membership_requests_action', {});
  const handled: string[] = [];
  const out = children(action, 'participant').map((p) => {
    const digits = ctx.memberOf(p.attrs.jid);
    if (!digits || !g.requests.delete(digits)) return node('participant', { jid: p.attrs.jid, error: NO_REQUEST });
    handled.push(digits);
    return node('participant', { jid: p.attrs.jid });
  });
  if (handled.length && action.tag === 'approve') {
    ctx.groups.add(g, handled);
    ctx.notify(g, node('add', {}, handled.map((d) => ctx.participantNode(g, d))), caller);
  }
  for (const d of action.tag === 'reject' ? handled : []) ctx.notify(g, node('revoked_membership_requests', {}, [ctx.participantNode(g, d)]), caller, true);
  return node('membership_requests_action', {}, [node(action.tag, {}, out)]);
}
