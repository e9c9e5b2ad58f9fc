/**
 * Requests to join a group by its link, while the group's admins approve new members: who waits
 * (named as the group details name members), and approving or rejecting them through the
 * session's account, which must be a group admin. WhatsApp adds whoever is approved and tells the
 * members; the thread shows each request and its answer on a line of its own.
 * from: the inbox's group details → here → next: the actor's `groupJoinRequests` and `groupChange`.
 */
import { GROUP_MEMBERS_PER_CHANGE, GROUP_REQUEST_ACTIONS, phoneOfJid, type GroupJoinRequest, type GroupJoinRequestView, type GroupJoinRequestsView, type GroupRequestsChangeView } from '@switchboard/shared';
import { memberNames } from '@switchboard/shared/node';
import type { GatewayDeps } from '../../deps.ts';
import { z } from '../../openapi/zod.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { change, errors, GROUP_CHANGE_TIMEOUT_MS, memberSchema, presentResults, resultSchema } from './groupChanges.ts';
import { groupInfoSchema, loadGroupChat } from './groupInfo.ts';

const tag = 'Messages';

const requestSchema = z
  .object({
    member: z.string().openapi({ description: 'Who asked: their phone-number JID when known (else their LID)' }),
    phone: z.string().nullable(),
    name: z.string().nullable().openapi({ description: "Their chat's name with the session, else their latest push name in the group" }),
    requestedAt: z.number().int().nullable().openapi({ description: 'When they asked (ms)' }),
    method: z.string().nullable().openapi({ description: 'How they asked, as WhatsApp says (`invite_link`…)' }),
  })
  .openapi('GroupJoinRequest');

export const joinRequestsSchema = z.object({ sessionId: z.string(), chatId: z.string(), requests: z.array(requestSchema) }).openapi('GroupJoinRequests');

export const requestsChangeSchema = z
  .object({ action: z.enum(GROUP_REQUEST_ACTIONS), results: z.array(resultSchema), group: groupInfoSchema, requests: z.array(requestSchema) })
  .openapi('GroupRequestsChange');

const requestsBody = z
  .object({
    action: z.enum(GROUP_REQUEST_ACTIONS).openapi({ description: '`approve` (WhatsApp adds them) or `reject`' }),
    members: z.array(memberSchema).min(1, 'Name at least one person').max(GROUP_MEMBERS_PER_CHANGE, `At most ${GROUP_MEMBERS_PER_CHANGE} at a time`),
  })
  .strict()
  .openapi('GroupRequestsAction');

/** Who waits, named for the caller. */
async function pendingRequests(deps: GatewayDeps, sessionId: string, chatId: string): Promise<GroupJoinRequestView[]> {
  const { requests } = await deps.hub.call(sessionId, 'groupJoinRequests', { chatJid: chatId }, { timeoutMs: GROUP_CHANGE_TIMEOUT_MS });
  const names = await memberNames(sessionId, chatId, requests.map((r: GroupJoinRequest) => r.member));
  return requests.map((r) => ({ ...r, phone: phoneOfJid(r.member), name: names.get(r.member) ?? null }));
}

export const groupRequestRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/group/requests', tag, summary: 'Who asked to join a group and waits for an admin (the session\'s account must be a group admin)', auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams,
    response: { status: 200, description: `The requests, oldest first (${errors})`, schema: joinRequestsSchema },
    async handler({ deps, auth, params }): Promise<GroupJoinRequestsView> {
      const chatId = await loadGroupChat(auth!, 'update', params.sessionId, params.chatId);
      return { sessionId: params.sessionId, chatId, requests: await pendingRequests(deps, params.sessionId, chatId) };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/group/requests', tag, summary: 'Approve or reject requests to join a group', auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams, body: requestsBody, audit: 'chat.group_requests',
    response: { status: 200, description: `Each request's outcome (\`done\`, \`no_request\`), the group and the requests left (${errors})`, schema: requestsChangeSchema },
    async handler({ deps, auth, params, body, audit }): Promise<GroupRequestsChangeView> {
      const { sessionId } = params;
      const chatId = await loadGroupChat(auth!, 'update', sessionId, params.chatId);
      const { members, group } = await change(deps, auth!, sessionId, chatId, { kind: 'requests', action: body.action, members: body.members });
      const { results, audited } = presentResults(members);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, action: body.action, members: audited } });
      return { action: body.action, results, group, requests: await pendingRequests(deps, sessionId, chatId) };
    },
  }),
];
