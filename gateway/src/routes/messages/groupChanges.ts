import {
  GROUP_DESCRIPTION_MAX,
  GROUP_INVITE_URL,
  GROUP_MEMBER_ACTIONS,
  GROUP_MEMBER_OUTCOMES,
  GROUP_MEMBERS_PER_CHANGE,
  GROUP_SETTINGS,
  GROUP_SUBJECT_MAX,
  phoneOfJid,
  type CreatedGroupView,
  type GroupChange,
  type GroupInfoView,
  type GroupInviteLinkView,
  type GroupMemberResult,
  type GroupMembersChangeView,
} from '@switchboard/shared';
import { Assignment } from '@switchboard/shared/node';
import type { GatewayDeps } from '../../deps.ts';
import { z } from '../../openapi/zod.ts';
import type { AuthContext } from '../../auth/authContext.ts';
import { allowed, authorize, subjects } from '../../policies/subjects.ts';
import { assignmentsChanged } from '../../realtimeNotify.ts';
import { sessionParams } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { fetchGroup, groupInfoSchema, loadGroupChat, presentGroup } from './groupInfo.ts';

/** How long WhatsApp gets to apply a change. */
export const GROUP_CHANGE_TIMEOUT_MS = 20_000;

/**
 * A group the caller brought the account into (created, or joined by invitation): someone who
 * reads only their own chats gets it assigned, as a conversation they start. True when it was.
 */
export async function assignIfUnread(deps: GatewayDeps, auth: AuthContext, sessionId: string, chatId: string): Promise<boolean> {
  if (allowed(auth, 'read', subjects.chat(sessionId, chatId))) return false;
  const userId = auth.user._id;
  await Assignment.updateOne({ sessionId, chatId, userId }, { $setOnInsert: { assignedBy: userId, note: null } }, { upsert: true });
  assignmentsChanged(deps, sessionId, chatId, userId.toString());
  return true;
}
const tag = 'Messages';

/** A member: a phone number ("+34 611 11 11 11" is fine) or the id the group details list them by. */
export const memberSchema = z
  .string()
  .trim()
  .transform((s) => (s.includes('@') ? s : s.replace(/[\s+()-]/g, '')))
  .pipe(z.string().regex(/^(\d{6,15}|\d{5,20}@(s\.whatsapp\.net|lid))$/, 'A phone number in international format, or a member id from the group details'))
  .transform((s) => (s.includes('@') ? s : `${s}@s.whatsapp.net`));

const membersBody = z
  .object({
    action: z.enum(GROUP_MEMBER_ACTIONS).openapi({ description: '`add`, `remove`, `promote` (make a group admin) or `demote` (no longer admin)' }),
    members: z.array(memberSchema).min(1, 'Name at least one member').max(GROUP_MEMBERS_PER_CHANGE, `At most ${GROUP_MEMBERS_PER_CHANGE} members at a time`),
  })
  .strict()
  .openapi('GroupMembersRequest');

const subjectBody = z
  .object({ subject: z.string().trim().min(1, 'The group needs a subject').max(GROUP_SUBJECT_MAX, `At most ${GROUP_SUBJECT_MAX} characters`) })
  .strict()
  .openapi('GroupSubjectRequest');

const descriptionBody = z
  .object({
    description: z
      .string()
      .trim()
      .max(GROUP_DESCRIPTION_MAX, `At most ${GROUP_DESCRIPTION_MAX} characters`)
      .nullable()
      .openapi({ description: 'The new description; null or empty removes it' }),
  })
  .strict()
  .openapi('GroupDescriptionRequest');

/** One member's outcome. */
export const resultSchema = z.object({
  member: z.string().openapi({ description: 'The member as the request named them (a JID)' }),
  phone: z.string().nullable(),
  outcome: z.enum(GROUP_MEMBER_OUTCOMES).openapi({
    description:
      '`done`; `already_member`; `not_member`; `not_on_whatsapp`; `invite_only` (their privacy lets only an invitation add them); `recently_left` (WhatsApp does not let them be added again yet); `own_account` (never changed this way); `no_request` (approve, reject: they have not asked to join); `failed`',
  }),
});

export const membersChangeSchema = z
  .object({
    action: z.enum(GROUP_MEMBER_ACTIONS),
    results: z.array(resultSchema),
    group: groupInfoSchema,
  })
  .openapi('GroupMembersChange');

const createBody = z
  .object({
    subject: z.string().trim().min(1, 'The group needs a subject').max(GROUP_SUBJECT_MAX, `At most ${GROUP_SUBJECT_MAX} characters`),
    members: z.array(memberSchema).min(1, 'Name at least one member').max(GROUP_MEMBERS_PER_CHANGE, `At most ${GROUP_MEMBERS_PER_CHANGE} members at a time`),
  })
  .strict()
  .openapi('CreateGroupRequest');

export const createdGroupSchema = z
  .object({
    sessionId: z.string(),
    chatId: z.string().openapi({ description: "The new group's chat", example: '120363000000000001@g.us' }),
    subject: z.string(),
    results: z.array(resultSchema),
    assigned: z.boolean().openapi({ description: 'Whether the caller is now among its assignees' }),
  })
  .openapi('CreatedGroup');

export const inviteLinkSchema = z
  .object({
    sessionId: z.string(),
    chatId: z.string(),
    code: z.string(),
    link: z.string().openapi({ description: 'Whoever opens it may join the group', example: 'https://chat.whatsapp.com/AbCdEfGhIjK' }),
  })
  .openapi('GroupInviteLink');

const settingsBody = z
  .object({
    sendAdminsOnly: z.boolean().optional().openapi({ description: 'Only admins may send messages' }),
    infoAdminsOnly: z.boolean().optional().openapi({ description: 'Only admins may change the subject and description' }),
    addAdminsOnly: z.boolean().optional().openapi({ description: 'Only admins may add members' }),
    approveNewMembers: z.boolean().optional().openapi({ description: 'An admin approves whoever asks to join by link' }),
  })
  .strict()
  .refine((b) => GROUP_SETTINGS.some((k) => b[k] !== undefined), { message: `Name at least one of ${GROUP_SETTINGS.join(', ')}` })
  .openapi('GroupSettingsRequest');

/** Each member's outcome with their number, and the same as the audit log keeps it (no names). */
export function presentResults(results: readonly GroupMemberResult[]): { results: (GroupMemberResult & { phone: string | null })[]; audited: string[] } {
  const withPhones = results.map((r) => ({ ...r, phone: phoneOfJid(r.member) }));
  return { results: withPhones, audited: withPhones.map((r) => `${r.phone ?? r.member}: ${r.outcome}`) };
}

/** Asks the session's actor to make the change, then what WhatsApp says of the group afterwards. */
export async function change(deps: GatewayDeps, auth: AuthContext, sessionId: string, chatId: string, what: GroupChange) {
  const { members } = await deps.hub.call(sessionId, 'groupChange', { chatJid: chatId, change: what }, { timeoutMs: GROUP_CHANGE_TIMEOUT_MS });
  const group: GroupInfoView = await presentGroup(auth, sessionId, chatId, await fetchGroup(deps, sessionId, chatId));
  return { members, group };
}

export const errors = '400 `not_a_group`, 409 `not_group_admin` (the session\'s account is not an admin of the group, and the change needs one), 409 `not_in_group`, 409 `not_connected`';

/**
 * Administering a group from the inbox's *Datos del grupo*, as an admin does on the phone: add,
 * remove, make admin or dismiss as admin (the session's account must be a group admin), and
 * change the subject or description (any member, unless the group lets only admins) or its
 * settings (admins), share the
 * invitation link (admins), and leave the group (the chat and its history stay). Needs
 * `update Chat` on the group: supervisors have it, employees do not unless a role grants it.
 * WhatsApp then tells every member, and the thread shows the change on a line of its own.
 * from: the inbox's group details → here → next: the actor's `groupChange`.
 */
export const groupChangeRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/group/members', tag, summary: 'Add or remove group members, or make them admins or no longer admins', auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams, body: membersBody, audit: 'chat.group_members',
    response: { status: 200, description: `Each member's outcome and the group afterwards (${errors})`, schema: membersChangeSchema },
    async handler({ deps, auth, params, body, audit }): Promise<GroupMembersChangeView> {
      const chatId = await loadGroupChat(auth!, 'update', params.sessionId, params.chatId);
      const { members, group } = await change(deps, auth!, params.sessionId, chatId, { kind: 'members', action: body.action, members: body.members });
      const { results, audited } = presentResults(members);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId: params.sessionId, action: body.action, members: audited } });
      return { action: body.action, results, group };
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/group/subject', tag, summary: "Change a group's subject on WhatsApp", auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams, body: subjectBody, audit: 'chat.group_subject',
    response: { status: 200, description: `The group afterwards (${errors})`, schema: groupInfoSchema },
    async handler({ deps, auth, params, body, audit }): Promise<GroupInfoView> {
      const chatId = await loadGroupChat(auth!, 'update', params.sessionId, params.chatId);
      const { group } = await change(deps, auth!, params.sessionId, chatId, { kind: 'subject', subject: body.subject });
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId: params.sessionId, subject: body.subject } });
      return group;
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/group/description', tag, summary: "Change or remove a group's description on WhatsApp", auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams, body: descriptionBody, audit: 'chat.group_description',
    response: { status: 200, description: `The group afterwards (${errors})`, schema: groupInfoSchema },
    async handler({ deps, auth, params, body, audit }): Promise<GroupInfoView> {
      const chatId = await loadGroupChat(auth!, 'update', params.sessionId, params.chatId);
      const description = body.description || null;
      const { group } = await change(deps, auth!, params.sessionId, chatId, { kind: 'description', description });
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId: params.sessionId, removed: description === null } });
      return group;
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/group/settings', tag, summary: "Turn a group's settings on or off on WhatsApp (the session's account must be a group admin)", auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams, body: settingsBody, audit: 'chat.group_settings',
    response: { status: 200, description: `The group afterwards; settings named with their current value change nothing (${errors})`, schema: groupInfoSchema },
    async handler({ deps, auth, params, body, audit }): Promise<GroupInfoView> {
      const { sessionId } = params;
      const chatId = await loadGroupChat(auth!, 'update', sessionId, params.chatId);
      const now = await fetchGroup(deps, sessionId, chatId);
      // One change at a time, as the phone makes them; each is told to the members.
      const changed = GROUP_SETTINGS.filter((k) => body[k] !== undefined && body[k] !== now[k]);
      for (const setting of changed) {
        await deps.hub.call(sessionId, 'groupChange', { chatJid: chatId, change: { kind: 'setting', setting, on: body[setting]! } }, { timeoutMs: GROUP_CHANGE_TIMEOUT_MS });
      }
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, ...Object.fromEntries(changed.map((k) => [k, body[k]])) } });
      return presentGroup(auth!, sessionId, chatId, changed.length ? await fetchGroup(deps, sessionId, chatId) : now);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/group/invite-link', tag, summary: "A group's invitation link (the session's account must be a group admin)", auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams,
    response: { status: 200, description: `The link (${errors})`, schema: inviteLinkSchema },
    async handler({ deps, auth, params }): Promise<GroupInviteLinkView> {
      const chatId = await loadGroupChat(auth!, 'update', params.sessionId, params.chatId);
      const { code } = await deps.hub.call(params.sessionId, 'groupInviteCode', { chatJid: chatId }, { timeoutMs: GROUP_CHANGE_TIMEOUT_MS });
      return { sessionId: params.sessionId, chatId, code, link: `${GROUP_INVITE_URL}${code}` };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/group/leave', tag, summary: 'The session\'s account leaves a group (the chat and its history stay)', auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams, audit: 'chat.group_leave',
    response: { status: 204, description: 'Left; WhatsApp tells the members (400 `not_a_group`, 409 `not_in_group`, 409 `not_connected`)' },
    async handler({ deps, auth, params, audit }) {
      const chatId = await loadGroupChat(auth!, 'update', params.sessionId, params.chatId);
      await deps.hub.call(params.sessionId, 'groupChange', { chatJid: chatId, change: { kind: 'leave' } }, { timeoutMs: GROUP_CHANGE_TIMEOUT_MS });
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId: params.sessionId } });
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/groups', tag, summary: 'Create a WhatsApp group with the session\'s account as its owner', auth: 'user', permission: ['create', 'Chat'],
    record: 'Chat', rateLimit: 'send', params: sessionParams, body: createBody, audit: 'chat.group_create',
    response: { status: 201, description: 'Created; whom WhatsApp added (409 `not_connected`)', schema: createdGroupSchema },
    async handler({ deps, auth, params, body, audit }): Promise<CreatedGroupView> {
      const { sessionId } = params;
      // Starting a conversation, with several people at once.
      authorize(auth, 'create', subjects.chat(sessionId, ''));
      const created = await deps.hub.call(sessionId, 'groupCreate', { subject: body.subject, members: body.members }, { timeoutMs: GROUP_CHANGE_TIMEOUT_MS });
      const chatId = created.chatJid;
      const assigned = await assignIfUnread(deps, auth!, sessionId, chatId);
      const { results, audited } = presentResults(created.members);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, members: audited } });
      return { sessionId, chatId, subject: body.subject, results, assigned };
    },
  }),
];
