/**
 * What the thread shows of a reply the server has just accepted, until the server's own events
 * take over (same id): a text, a file with its caption, a voice note, a contact card, a poll, a place or an event, with the
 * list's preview worded as the stored one will be.
 */
import { buildVCard, pollFields, type InboxMessageView } from '@switchboard/shared';
import type { OutboxItem } from './types.ts';

export function pendingMessageOf(item: OutboxItem, messageId: string, now: number): InboxMessageView {
  const base = { id: messageId, sessionId: item.sessionId, chatId: item.chatId, fromMe: true, status: 'pending' as const, timestamp: now, clientId: item.clientId, ...(item.quotedId ? { quotedId: item.quotedId } : {}), ...(item.mentions?.length ? { mentions: item.mentions } : {}) };
  if (item.contact) return { ...base, kind: 'contact', text: buildVCard(item.contact), caption: item.contact.name };
  if (item.poll) return { ...base, kind: 'poll', text: pollFields(item.poll).text };
  if (item.location) return { ...base, kind: 'location', location: item.location };
  if (item.event) {
    const { name, description, startAt, endAt, place } = item.event;
    return { ...base, kind: 'event', text: name, ...(description ? { caption: description } : {}), event: { startAt, ...(endAt !== undefined ? { endAt } : {}), ...(place ? { place } : {}) } };
  }
  if (item.file) return { ...base, kind: item.kind ?? 'document', ...(item.text ? { caption: item.text } : {}) };
  return { ...base, kind: 'text', ...(item.text ? { text: item.text } : {}) };
}
