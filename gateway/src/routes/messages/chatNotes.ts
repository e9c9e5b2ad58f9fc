import { recipientJid } from '@switchboard/shared';
import { ChatNote, Role, User } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { contextFor, loadAuthContext, plainPermissions } from '../../auth/loadAuthContext.ts';
import { badRequest, notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { presentChatNote } from '../../presenters/chatNotes.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { loadChat } from './loadChat.ts';
import { chatNoteList, chatNoteParams, chatNoteSchema, chatPeopleList, createChatNoteBody } from './chatNoteSchema.ts';

const tag = 'Messages';
/** Colleagues the people list considers, at most. */
const PEOPLE_MAX = 200;

/**
 * The active colleagues (the caller left out) who may read the chat, by name: users and their
 * roles in one query each, assignments only for roles that need them (contextFor).
 */
async function readersOf(auth: AuthContext, sessionId: string, chatId: string): Promise<{ id: string; name: string }[]> {
  const users = await User.find({ active: true, _id: { $ne: auth.user._id } }).sort({ name: 1 }).limit(PEOPLE_MAX).lean();
  const roles = new Map((await Role.find({ _id: { $in: [...new Set(users.map((u) => String(u.role)))] } }).lean()).map((r) => [String(r._id), r]));
  const readers = await Promise.all(
    users.map(async (user) => {
      const role = roles.get(String(user.role));
      if (!role) return null;
      const ctx = await contextFor({ user, role }, plainPermissions(role.permissions ?? []));
      return ctx.ability.can('read', subjects.chat(sessionId, chatId)) ? { id: String(user._id), name: user.name } : null;
    }),
  );
  return readers.filter((r) => r !== null);
}

/** The mentioned colleagues, each checked: 400 `unknown_user` (inactive or unknown), `mention_not_allowed` (may not read the chat). */
async function mentionable(sessionId: string, chatId: string, ids: readonly string[]): Promise<{ userId: Types.ObjectId; name: string }[]> {
  const out: { userId: Types.ObjectId; name: string }[] = [];
  for (const id of new Set(ids)) {
    const ctx = await loadAuthContext(id);
    if (!ctx) throw badRequest('unknown_user', 'A mentioned user does not exist or is inactive');
    if (!ctx.ability.can('read', subjects.chat(sessionId, chatId))) {
      throw badRequest('mention_not_allowed', `${ctx.user.name} cannot see this conversation: assign it to them first`, { userId: id, name: ctx.user.name });
    }
    out.push({ userId: new Types.ObjectId(id), name: ctx.user.name });
  }
  return out;
}

/** The most notes a chat lists (oldest first); a chat with more shows its latest ones. */
const NOTES_LIMIT = 500;

/**
 * Internal notes on a chat: the team's memory of a conversation (who asked for what, what is
 * pending), never sent to WhatsApp. Reading the chat reads its notes, writing in it (`send
 * Message`) adds them, as a reply would; the author deletes their own, and whoever may delete
 * the chat's messages deletes any. Open inboxes get `chat-note` / `chat-note-deleted` live. A note
 * may mention colleagues who can read the chat (`mentions`): their consoles notify them.
 * from: the inbox thread → here → next: Socket.IO rooms of the chat (attachRealtime.emitToChat).
 */
export const chatNoteRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/notes', tag, summary: 'Internal notes of a chat, oldest first', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams,
    response: { status: 200, description: 'The notes (the latest 500)', schema: chatNoteList },
    async handler({ auth, params }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      await loadChat(sessionId, chatId);
      const docs = await ChatNote.find({ sessionId, chatId }).sort({ createdAt: -1, _id: -1 }).limit(NOTES_LIMIT).lean();
      return { data: docs.reverse().map(presentChatNote) };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats/:chatId/notes', tag, summary: 'Add an internal note to a chat (the team sees it; the contact never does)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams, body: createChatNoteBody, audit: 'chat.note_create',
    response: { status: 201, description: 'The note', schema: chatNoteSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      await loadChat(sessionId, chatId);
      const mentions = await mentionable(sessionId, chatId, body.mentions ?? []);
      const doc = await ChatNote.create({ sessionId, chatId, authorId: auth!.user._id, authorName: auth!.user.name, text: body.text, ...(mentions.length ? { mentions } : {}) });
      const note = presentChatNote(doc.toObject());
      deps.realtime?.emitToChat(sessionId, chatId, 'chat-note', note);
      // Never the text in the audit log.
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, noteId: note.id, mentions: note.mentions.map((m) => m.id) } });
      return note;
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/people', tag, summary: 'Colleagues who may read a chat (to mention in its notes), by name', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams,
    response: { status: 200, description: `Active users who may read the chat, the caller left out (at most ${PEOPLE_MAX})`, schema: chatPeopleList },
    async handler({ auth, params }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      await loadChat(sessionId, chatId);
      return { data: await readersOf(auth!, sessionId, chatId) };
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId/chats/:chatId/notes/:noteId', tag, summary: 'Delete an internal note (own ones, or any with `delete Message` on the chat)', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatNoteParams, audit: 'chat.note_delete',
    response: { status: 204, description: 'Deleted; 403 `forbidden` for a note of someone else' },
    async handler({ deps, auth, params, audit }) {
      const { sessionId, noteId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      const doc = await ChatNote.findOne({ _id: noteId, sessionId, chatId }, { authorId: 1 }).lean();
      if (!doc) throw notFound('note');
      const own = doc.authorId.equals(auth!.user._id);
      if (!own) authorize(auth, 'delete', subjects.message(sessionId, chatId));
      await ChatNote.deleteOne({ _id: doc._id });
      deps.realtime?.emitToChat(sessionId, chatId, 'chat-note-deleted', { sessionId, chatId, id: noteId });
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, noteId, own } });
      return undefined;
    },
  }),
];
