/**
 * Requests to join a group by its link while an admin approves new members: the
 * `groupJoinRequests` command lists who waits (named by phone number, as the group details name
 * members), and `groupChange` `requests` approves or rejects them (WhatsApp then adds the approved
 * and tells the members, which the thread shows as a line). Admins only.
 * from: the gateway's group routes → here → next: Baileys' `groupRequestParticipantsList`,
 * `groupRequestParticipantsUpdate`.
 */
import { jidNormalizedUser, type GroupMetadata, type WASocket } from '@whiskeysockets/baileys';
import type { GroupJoinRequest, GroupMemberResult, GroupRequestAction } from '@switchboard/shared';
import { asAdmin, freshMetadata } from './groupInfo.ts';
import { phoneJidOf, toRecipientJid } from './jid.ts';

/** A request as WhatsApp lists it, with the id to answer it by (the LID in a LID group). */
interface Pending extends GroupJoinRequest {
  id: string;
}

async function pending(sock: WASocket, meta: GroupMetadata): Promise<Pending[]> {
  const listed = await asAdmin(() => sock.groupRequestParticipantsList(meta.id));
  return Promise.all(
    listed.map(async (attrs) => {
      const a = attrs as Record<string, string | undefined>;
      const id = a.jid ?? '';
      const at = Number(a.request_time);
      return { id, member: await phoneJidOf(sock, id, a.phone_number), requestedAt: Number.isFinite(at) && at > 0 ? at * 1000 : null, method: a.request_method ?? null };
    }),
  );
}

/** The `groupJoinRequests` command: who waits for an admin, oldest first. */
export async function groupJoinRequests(sock: WASocket, chatJid: string): Promise<{ requests: GroupJoinRequest[] }> {
  const requests = await pending(sock, await freshMetadata(sock, chatJid));
  return { requests: requests.map(({ id: _id, ...r }) => r).sort((a, b) => (a.requestedAt ?? 0) - (b.requestedAt ?? 0)) };
}

/** Approves or rejects the requests of `members` (numbers or JIDs); someone who has not asked is `no_request`. */
export async function answerJoinRequests(sock: WASocket, meta: GroupMetadata, action: GroupRequestAction, members: string[]): Promise<GroupMemberResult[]> {
  const byMember = new Map<string, string>();
  for (const r of await pending(sock, meta)) {
    byMember.set(r.member, r.id);
    byMember.set(jidNormalizedUser(r.id), r.id);
  }
  const named = members.map((raw) => {
    const member = jidNormalizedUser(toRecipientJid(raw));
    return { member, id: byMember.get(member) };
  });
  const sent = named.flatMap((n) => (n.id ? [n.id] : []));
  const answers = sent.length ? await asAdmin(() => sock.groupRequestParticipantsUpdate(meta.id, sent, action)) : [];
  const answered = new Map(answers.map((a) => [a.jid ? jidNormalizedUser(a.jid) : '', a.status]));
  return named.map(({ member, id }) => {
    const status = id ? answered.get(jidNormalizedUser(id)) : '404';
    return { member, outcome: status === '200' ? 'done' : status === '404' ? 'no_request' : 'failed' };
  });
}
