import { recipientJid } from '@switchboard/shared';
import { ChatNote } from '@switchboard/shared/node';
import { notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { presentChatNote } from '../../presenters/chatNotes.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { loadChat } from './loadChat.ts';
import { chatNoteList, chatNoteParams, chatNoteSchema, createChatNoteBody } from './chatNoteSchema.ts';

const tag = 'Messages';

/** The most notes a chat lists (oldest first); a chat with more shows its latest ones. */
const NOTES_LIMIT = 500;

/**
 * Internal notes on a chat: the team's memory of a conversation (who asked for what, what is
 * pending), never sent to WhatsApp. Reading the chat reads its notes, writing in it (`send
 * Message`) adds them, as a reply would; the author deletes their own, and whoever may delete
 * the chat's messages deletes any. Open inboxes get `chat-note` / `chat-note-deleted` live.
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
      const doc = await ChatNote.create({ sessionId, chatId, authorId: auth!.user._id, authorName: auth!.user.name, text: body.text });
      const note = presentChatNote(doc.toObject());
      deps.realtime?.emitToChat(sessionId, chatId, 'chat-note', note);
      // Never the text in the audit log.
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, noteId: note.id } });
      return note;
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
