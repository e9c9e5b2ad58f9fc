import { Readable } from 'node:stream';
import { phoneOfJid, recipientJid } from '@switchboard/shared';
import { Chat, ChatNote, Message, Session, User, type MessageDoc } from '@switchboard/shared/node';
import { inStoredOrder, type StoredRow } from '../../export/storedOrder.ts';
import { transcriptWriter, type TranscriptMessage, type TranscriptNote } from '../../export/transcript.ts';
import { notFound } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { timeZoneSchema } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';

/** Internal notes a transcript holds at most (they are read before the messages are streamed). */
const NOTES_MAX = 5000;

const exportQuery = z.object({ tz: timeZoneSchema.default('UTC').openapi({ description: 'IANA time zone the times are written in', example: 'Europe/Madrid' }) });

/** `conversacion-alicia-gomez-2026-12-06.txt`: the name in plain letters. */
function fileName(prefix: string, name: string, day: string): string {
  const slug = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `${prefix}-${slug || 'chat'}-${day}.txt`;
}

type Row = TranscriptMessage & StoredRow;

/** The transcript's text, piece by piece: the header, then messages and notes merged by time. */
async function* transcript(writer: ReturnType<typeof transcriptWriter>, messages: AsyncIterable<Row>, notes: TranscriptNote[], now: Date): AsyncGenerator<string> {
  yield writer.header(now);
  let next = 0;
  for await (const m of inStoredOrder<Row>(messages)) {
    while (next < notes.length && notes[next]!.createdAt <= m.timestamp) yield writer.note(notes[next++]!);
    const line = writer.message(m);
    if (line) yield line;
  }
  while (next < notes.length) yield writer.note(notes[next++]!);
}

/**
 * *Exportar conversación*: a chat's messages and internal notes as a text file, oldest first, in
 * the caller's language and the time zone asked for — for a dispute, a handover, the customer's
 * own request. Streamed from a cursor (a chat of any length never sits in memory); audited.
 * from: the inbox's contact details → here.
 */
export const chatExportRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/export', tag: 'Messages', summary: "A chat's messages and internal notes as a text file (text/plain, UTF-8, an attachment)", auth: 'user', permission: ['read', 'Message'],
    record: 'Message', params: chatParams, query: exportQuery, audit: 'chat.export',
    response: { status: 200, description: 'The transcript as `text/plain; charset=utf-8` with `Content-Disposition: attachment`; 404 for an unknown chat' },
    async handler({ deps, auth, params, query, koa, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.message(sessionId, chatId));
      const chat = await Chat.findOne({ sessionId, jid: chatId }, { name: 1, customName: 1 }).lean();
      if (!chat) throw notFound('chat');
      const [session, users, notes] = await Promise.all([
        Session.findOne({ sessionId }, { name: 1 }).lean(),
        User.find({}, { name: 1 }).lean(),
        ChatNote.find({ sessionId, chatId }, { createdAt: 1, authorName: 1, text: 1 }).sort({ createdAt: 1 }).limit(NOTES_MAX).lean(),
      ]);
      const phone = phoneOfJid(chatId);
      const contactName = chat.customName || chat.name || (phone ? `+${phone}` : chatId);
      const writer = transcriptWriter({
        locale: auth!.user.locale,
        timeZone: query.tz,
        contactName,
        sessionName: session?.name ?? sessionId,
        teamNames: new Map(users.map((u) => [String(u._id), u.name])),
      });
      const messages = Message.find(
        { sessionId, chatId },
        { fromMe: 1, timestamp: 1, createdAt: 1, kind: 1, text: 1, caption: 1, pushName: 1, sender: 1, userId: 1, automated: 1, forwarded: 1, editedAt: 1, revokedAt: 1, location: 1, mentions: 1, system: 1, call: 1, event: 1, 'invite.groupName': 1 },
      )
        .sort({ timestamp: 1 })
        .lean<MessageDoc[]>()
        .cursor() as AsyncIterable<Row>;
      const now = deps.now();
      koa.type = 'text/plain; charset=utf-8';
      koa.attachment(fileName(auth!.user.locale === 'en' ? 'conversation' : 'conversacion', contactName, now.toISOString().slice(0, 10)));
      koa.body = Readable.from(transcript(writer, messages, notes, now));
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId } });
      return undefined;
    },
  }),
];
