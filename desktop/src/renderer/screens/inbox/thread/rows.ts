/**
 * The rows of a thread in display order: day separators, the "new messages" marker, the
 * messages, and replies still in the outbox (hidden as soon as the server has them, matched
 * by clientId, so a reply never shows twice). In a group, the first message of each run by
 * one member is marked to show its author above it. A message that follows one by the same
 * author within a few minutes is `joined` to it (drawn close, as one run, the way WhatsApp does).
 * Changes to a group are lines of their own, between runs. Internal notes sit among the messages by time; those older than the loaded messages wait until
 * older messages are loaded.
 */
import { callWaits, type ChatNoteView, type InboxMessageView } from '@switchboard/shared';
import type { OutboxItem } from '../outbox/types.ts';

/** One row of the thread. */
export type Row =
  | { kind: 'start'; key: string }
  | { kind: 'day'; key: string; at: number }
  | { kind: 'unread'; key: string }
  | { kind: 'msg'; key: string; m: InboxMessageView; showSender: boolean; joined: boolean }
  /** A change to a group ("Carla añadió a Diego"), a line of its own between the messages. */
  | { kind: 'system'; key: string; m: InboxMessageView }
  | { kind: 'note'; key: string; note: ChatNoteView }
  | { kind: 'outbox'; key: string; item: OutboxItem };

const dayOf = (ms: number) => new Date(ms).toDateString();

/** The longest pause within one run of messages by the same author. */
export const RUN_GAP_MS = 5 * 60_000;

/** Who wrote an incoming group message (model/keys.ts). */
export { senderLabel } from '../model/keys.ts';

/**
 * Builds the rows; `unread` is the number of trailing incoming messages to mark as new. With
 * `isGroup`, an incoming message shows its author unless the row above is by the same member.
 */
export function buildRows(
  messages: InboxMessageView[],
  outbox: OutboxItem[],
  opts: { complete: boolean; unread: number; isGroup?: boolean; notes?: ChatNoteView[]; me?: string },
): Row[] {
  const rows: Row[] = [];
  let day = '';
  const oldest = messages[0]?.timestamp;
  const notes = (opts.notes ?? []).filter((n) => opts.complete || oldest === undefined || Date.parse(n.createdAt) >= oldest);
  let nextNote = 0;
  const notesUntil = (at: number) => {
    while (nextNote < notes.length && Date.parse(notes[nextNote]!.createdAt) <= at) {
      const note = notes[nextNote++]!;
      const noteAt = Date.parse(note.createdAt);
      if (dayOf(noteAt) !== day) {
        day = dayOf(noteAt);
        rows.push({ kind: 'day', key: `day-${day}`, at: noteAt });
      }
      rows.push({ kind: 'note', key: `note-${note.id}`, note });
    }
  };
  if (opts.complete) rows.push({ kind: 'start', key: 'start' });
  const known = new Set(messages.map((m) => m.clientId).filter(Boolean));
  const pending = outbox.filter((i) => !known.has(i.clientId));
  // What counts as unread: not a change to a group, nor a call answered on the phone.
  const incoming = messages.filter((m) => !m.fromMe && m.kind !== 'system' && callWaits(m.call));
  const firstUnread = opts.unread > 0 ? incoming[Math.max(0, incoming.length - opts.unread)] : undefined;
  for (const m of messages) {
    notesUntil(m.timestamp - 1);
    if (dayOf(m.timestamp) !== day) {
      day = dayOf(m.timestamp);
      rows.push({ kind: 'day', key: `day-${day}`, at: m.timestamp });
    }
    if (m === firstUnread) rows.push({ kind: 'unread', key: 'unread' });
    if (m.kind === 'system') {
      rows.push({ kind: 'system', key: m.id, m });
      continue;
    }
    const above = rows[rows.length - 1];
    const sameAuthor = above?.kind === 'msg' && !above.m.fromMe && !m.fromMe && (above.m.sender ?? above.m.pushName) === (m.sender ?? m.pushName);
    // Our side: a run of replies a colleague sent starts with their name (the viewer's own do not).
    const sameAgent = above?.kind === 'msg' && above.m.fromMe && m.fromMe && above.m.sentBy?.id === m.sentBy?.id && !above.m.automated;
    const colleague = m.fromMe && !!m.sentBy && m.sentBy.id !== opts.me && !sameAgent;
    const showSender = !!m.automated || colleague || (!!opts.isGroup && !m.fromMe && !sameAuthor);
    const joined = above?.kind === 'msg' && (sameAuthor || sameAgent) && !showSender && m.timestamp - above.m.timestamp < RUN_GAP_MS;
    // An away reply says so (nobody on the team wrote it).
    rows.push({ kind: 'msg', key: m.id, m, showSender, joined });
  }
  notesUntil(Infinity);
  for (const item of pending) {
    if (dayOf(item.createdAt) !== day) {
      day = dayOf(item.createdAt);
      rows.push({ kind: 'day', key: `day-${day}`, at: item.createdAt });
    }
    rows.push({ kind: 'outbox', key: `outbox-${item.clientId}`, item });
  }
  return rows;
}
