/**
 * The internal notes of the open chat: loaded when it opens, kept current by the `chat-note` /
 * `chat-note-deleted` socket events, and loaded again whenever the connection is back live
 * (the events are not replayed: a note written while offline comes with the reload).
 */
import type { ChatNoteDeletedEvent, ChatNoteView } from '@switchboard/shared';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useRealtime, useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import { inboxApi } from '../inboxApi.ts';

/** What the thread needs of a chat's notes. */
export interface ChatNotes {
  notes: ChatNoteView[];
  /** Saves a note; `mentions`: the colleagues it tells (ids). */
  add(text: string, mentions?: readonly string[]): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Adds or replaces a note, keeping the list oldest first. */
export function upsertNote(list: ChatNoteView[], note: ChatNoteView): ChatNoteView[] {
  return [...list.filter((n) => n.id !== note.id), note].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The notes of one chat (see the module comment). */
export function useChatNotes(sessionId: string, chatId: string): ChatNotes {
  const rest = inboxApi(useApi());
  const { state } = useRealtime();
  const [notes, setNotes] = useState<ChatNoteView[]>([]);
  const mine = (e: { sessionId: string; chatId: string }) => e.sessionId === sessionId && e.chatId === chatId;

  useEffect(() => {
    if (state !== 'live') return;
    let cancelled = false;
    rest.notes(sessionId, chatId).then(
      (list) => !cancelled && setNotes(list),
      () => undefined, // the thread still works; notes come back with the next reload
    );
    return () => {
      cancelled = true;
    };
  }, [sessionId, chatId, state]);

  useSocketEvent('chat-note', (e: ChatNoteView) => mine(e) && setNotes((list) => upsertNote(list, e)));
  useSocketEvent('chat-note-deleted', (e: ChatNoteDeletedEvent) => mine(e) && setNotes((list) => list.filter((n) => n.id !== e.id)));

  const add = useCallback(
    async (text: string, mentions: readonly string[] = []) => {
      const note = await rest.addNote(sessionId, chatId, text, mentions);
      setNotes((list) => upsertNote(list, note));
    },
    [sessionId, chatId],
  );
  const remove = useCallback(
    async (id: string) => {
      await rest.deleteNote(sessionId, chatId, id);
      setNotes((list) => list.filter((n) => n.id !== id));
    },
    [sessionId, chatId],
  );
  return { notes, add, remove };
}
