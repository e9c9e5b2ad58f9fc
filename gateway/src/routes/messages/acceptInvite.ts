/**
 * Joining a group by an invitation someone sent the account (*Unirse al grupo* on an invitation
 * in the inbox), as tapping it on the phone does. Joining brings a new conversation into the
 * session, so it takes what starting one takes (`create Chat`), besides reading the invitation's
 * chat; whoever reads only their own chats gets the group assigned, as with a group they create.
 * from: the inbox's InviteCard → here → next: the actor's `groupAcceptInvite` (Baileys).
 */
import type { JoinedGroupView } from '@switchboard/shared';
import { conflict } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { messageParams } from './chatActionSchema.ts';
import { assignIfUnread, GROUP_CHANGE_TIMEOUT_MS } from './groupChanges.ts';
import { loadReadableMessage } from './loadChat.ts';

const joinedSchema = z
  .object({
    sessionId: z.string(),
    chatId: z.string().openapi({ description: "The group's chat", example: '120363000000000001@g.us' }),
    groupName: z.string(),
    assigned: z.boolean().openapi({ description: 'Whether the caller is now among its assignees' }),
  })
  .openapi('JoinedGroup');

/** POST /api/sessions/:sessionId/messages/:messageId/accept-invite */
export const acceptInviteRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/messages/:messageId/accept-invite', tag: 'Messages',
    summary: 'Join the group an invitation (a message of kind `invite`) is to, as the session\'s account', auth: 'user', permission: ['create', 'Chat'],
    record: 'Chat', rateLimit: 'send', params: messageParams, audit: 'chat.group_join',
    response: {
      status: 200,
      description: 'Joined (again: a member already is answered the same); 409 `not_an_invite`, `invite_expired`, `invite_invalid` (WhatsApp no longer takes it: revoked, or the group is gone), `not_connected`',
      schema: joinedSchema,
    },
    async handler({ deps, auth, params, audit }): Promise<JoinedGroupView> {
      const { sessionId, messageId } = params;
      const msg = await loadReadableMessage(auth!, sessionId, messageId, { sentProto: 0 });
      authorize(auth, 'create', subjects.chat(sessionId, ''));
      const invite = msg.kind === 'invite' && !msg.revokedAt ? msg.invite : undefined;
      if (!invite) throw conflict('not_an_invite', 'This message is not an invitation to a group');
      const expiresAt = invite.expiresAt ? new Date(invite.expiresAt).getTime() : null;
      if (expiresAt !== null && expiresAt <= Date.now()) throw conflict('invite_expired', 'The invitation has expired');
      const { chatJid } = await deps.hub.call(sessionId, 'groupAcceptInvite', { chatJid: msg.chatId, messageId, groupJid: invite.groupId, code: invite.code, expiresAt }, { timeoutMs: GROUP_CHANGE_TIMEOUT_MS });
      const assigned = await assignIfUnread(deps, auth!, sessionId, chatJid);
      Object.assign(audit, { targetType: 'Chat', targetId: chatJid, details: { sessionId, messageId, from: msg.chatId } });
      return { sessionId, chatId: chatJid, groupName: invite.groupName, assigned };
    },
  }),
];
