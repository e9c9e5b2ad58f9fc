/**
 * The chat list's filters remembered on this device (localStorage): the view, session, label and
 * the needs-reply and unread toggles and the needs-reply list's order; the search text, the person and the snoozed and scheduled
 * views start empty every time.
 */
import type { ChatFilters } from '../inboxApi.ts';

const FILTERS_KEY = 'switchboard.inbox.filters';

/** The filters the list starts with. */
export function initialFilters(): ChatFilters {
  try {
    const v = JSON.parse(localStorage.getItem(FILTERS_KEY) ?? '{}') as Partial<ChatFilters>;
    return {
      view: v.view === 'mine' || v.view === 'unassigned' ? v.view : 'all',
      sessionId: typeof v.sessionId === 'string' ? v.sessionId : '',
      q: '',
      needsReply: v.needsReply === true,
      unread: v.unread === true,
      label: typeof v.label === 'string' ? v.label : '',
      assignee: '',
      snoozed: false,
      scheduled: false,
      order: v.order === 'waiting' ? 'waiting' : 'recent',
    };
  } catch {
    return { view: 'all', sessionId: '', q: '', needsReply: false, unread: false, label: '', assignee: '', snoozed: false, scheduled: false, order: 'recent' };
  }
}

/** Remembers the filters that outlive a reload (a full storage is no reason to fail). */
export function rememberFilters(f: ChatFilters): void {
  try {
    localStorage.setItem(FILTERS_KEY, JSON.stringify({ view: f.view, sessionId: f.sessionId, needsReply: f.needsReply, unread: f.unread, label: f.label, order: f.order }));
  } catch {
    /* not remembered */
  }
}
