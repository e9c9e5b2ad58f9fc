import { phoneOfJid, recipientJid, type GroupInfoView, type GroupMemberView, type GroupMetadataInfo, type GroupSettings } from '@switchboard/shared';
import { Chat, memberNames, type ChatDoc } from '@switchboard/shared/node';
import type { GatewayDeps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import type { AuthContext } from '../../auth/authContext.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';

/** How long WhatsApp gets to answer. */
const GROUP_INFO_TIMEOUT_MS = 15_000;

const memberSchema = z
  .object({
    member: z.string().openapi({ description: "The member's phone-number JID (their LID when WhatsApp never told the number)", example: '34611000001@s.whatsapp.net' }),
    phone: z.string().nullable().openapi({ description: 'Digits of their number, when known' }),
    name: z.string().nullable().openapi({ description: "Their chat's name with the session (the team's, else WhatsApp's), else the push name of their latest message in the group" }),
    role: z.enum(['admin', 'superadmin']).nullable().openapi({ description: "`superadmin`: the group's owner" }),
    isAccount: z.boolean().openapi({ description: "The session's own WhatsApp account" }),
    chatId: z.string().nullable().openapi({ description: 'Their own chat with the session, when there is one the caller may read' }),
  })
  .openapi('GroupMember');

export const groupInfoSchema = z
  .object({
    sessionId: z.string(),
    chatId: z.string(),
    subject: z.string(),
    description: z.string().nullable(),
    createdAt: z.number().int().nullable().openapi({ description: 'When the group was created (ms)' }),
    createdBy: memberSchema.nullable(),
    members: z.array(memberSchema).openapi({ description: 'The account first, then admins, then by name (named before unnamed), then by number' }),
    sendAdminsOnly: z.boolean().openapi({ description: 'Only admins may send messages' }),
    infoAdminsOnly: z.boolean().openapi({ description: 'Only admins may change the subject and description' }),
    addAdminsOnly: z.boolean().openapi({ description: 'Only admins may add members (else every member may)' }),
    approveNewMembers: z.boolean().openapi({ description: 'An admin approves whoever asks to join by link' }),
  })
  .openapi('GroupInfo');

/** The account first, admins next, then names (alphabetically, accents aside), then numbers. */
function byPlace(a: GroupMemberView, b: GroupMemberView): number {
  return (
    Number(b.isAccount) - Number(a.isAccount) ||
    Number(!a.role) - Number(!b.role) ||
    Number(a.name === null) - Number(b.name === null) ||
    (a.name ?? '').localeCompare(b.name ?? '', 'es', { sensitivity: 'base' }) ||
    a.member.localeCompare(b.member)
  );
}

/** The members' own chats with the session that the caller may read, by member id. */
async function readableChats(auth: AuthContext, sessionId: string, members: string[]): Promise<Map<string, string>> {
  const chats = await Chat.find({ $and: [scope(auth, 'read', 'Chat'), { sessionId, $or: [{ jid: { $in: members } }, { pnJid: { $in: members } }] }] }, { jid: 1, pnJid: 1 }).lean<Pick<ChatDoc, 'jid' | 'pnJid'>[]>();
  const out = new Map<string, string>();
  for (const c of chats) {
    out.set(c.jid, c.jid);
    if (c.pnJid) out.set(c.pnJid, c.jid);
  }
  return out;
}

/** The group's settings alone (the actor's answer carries them beside the rest). */
function settingsOf(info: GroupSettings): GroupSettings {
  return { sendAdminsOnly: info.sendAdminsOnly, infoAdminsOnly: info.infoAdminsOnly, addAdminsOnly: info.addAdminsOnly, approveNewMembers: info.approveNewMembers };
}

/** WhatsApp's answer, named and placed for the caller. */
export async function presentGroup(auth: AuthContext, sessionId: string, chatId: string, info: GroupMetadataInfo): Promise<GroupInfoView> {
  const ids = info.members.map((m) => m.member);
  const [names, chats] = await Promise.all([memberNames(sessionId, chatId, ids), readableChats(auth, sessionId, ids)]);
  const view = (member: string, role: GroupMemberView['role'], isAccount: boolean): GroupMemberView => ({
    member,
    phone: phoneOfJid(member),
    name: isAccount ? null : (names.get(member) ?? null),
    role,
    isAccount,
    chatId: isAccount ? null : (chats.get(member) ?? null),
  });
  const members = info.members.map((m) => view(m.member, m.role, m.isAccount)).sort(byPlace);
  const creator = info.createdBy ? (members.find((m) => m.member === info.createdBy) ?? view(info.createdBy, null, false)) : null;
  return { sessionId, chatId, subject: info.subject, description: info.description, createdAt: info.createdAt, createdBy: creator, members, ...settingsOf(info) };
}

/**
 * The group chat a route names, checked for the caller (`read Chat` to look, `update Chat` to
 * change it): 404 for an unknown chat, 400 `not_a_group` for a one-to-one chat.
 */
export async function loadGroupChat(auth: AuthContext, action: 'read' | 'update', sessionId: string, rawChatId: string): Promise<string> {
  const chatId = recipientJid(rawChatId);
  authorize(auth, action, subjects.chat(sessionId, chatId));
  const chat = await Chat.findOne({ sessionId, jid: chatId }, { isGroup: 1 }).lean<Pick<ChatDoc, 'isGroup'>>();
  if (!chat) throw notFound('chat');
  if (!chat.isGroup) throw new AppError(400, 'not_a_group', 'This conversation is not a group');
  return chatId;
}

/** Asks the session's actor what WhatsApp says of the group now. */
export async function fetchGroup(deps: GatewayDeps, sessionId: string, chatId: string): Promise<GroupMetadataInfo> {
  return deps.hub.call(sessionId, 'groupInfo', { chatJid: chatId }, { timeoutMs: GROUP_INFO_TIMEOUT_MS });
}

/**
 * A group's details for the inbox's *Datos del grupo*: its description, when and by whom it was
 * created, and its members (admins marked; each member's own chat when the caller may read it),
 * asked of WhatsApp through the session each time (members come and go).
 * from: the inbox thread's header → here → next: the actor's `groupInfo` (Baileys `groupMetadata`).
 */
export const groupInfoRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/group', tag: 'Messages', summary: 'A group chat\'s description, creation and members, as WhatsApp has them now', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams,
    response: { status: 200, description: 'The group (400 `not_a_group`, 409 `not_in_group` once the account has left it, 409 `not_connected` while the session is not connected)', schema: groupInfoSchema },
    async handler({ deps, auth, params }): Promise<GroupInfoView> {
      const { sessionId } = params;
      const chatId = await loadGroupChat(auth!, 'read', sessionId, params.chatId);
      return presentGroup(auth!, sessionId, chatId, await fetchGroup(deps, sessionId, chatId));
    },
  }),
];
