/**
 * REST calls of the assignments screen. The chat list comes from the inbox route
 * (`GET /api/chats?sessionId=`) rather than `/api/sessions/:id/chats`: it filters "unassigned"
 * in the database (so paging stays right) and its search also matches phone numbers. The
 * assignments themselves (with the ids that reassigning and unassigning need) come from the
 * session's assignments route.
 */
import { phoneOfJid, type AssignmentView, type AutoAssignView, type InboxChatView, type ListPage, type SessionView, type UserView } from '@switchboard/shared';
import { ApiError, type ApiClient } from '../../api/http.ts';

const enc = encodeURIComponent;
const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);

/** Most assignments read for one session (pages of 200). */
const MAX_ASSIGNMENT_PAGES = 25;

/** Typed wrappers over the routes the screen uses. */
export function assignmentsApi(api: ApiClient) {
  return {
    sessions: (signal?: AbortSignal) => api.get<ListPage<SessionView>>('/api/sessions', { limit: 200, sort: 'name', order: 'asc' }, opts(signal)),
    chats: (sessionId: string, q: { q: string; unassigned: boolean; page: number; limit: number }, signal?: AbortSignal) =>
      api.get<ListPage<InboxChatView>>('/api/chats', { sessionId, q: q.q, view: q.unassigned ? 'unassigned' : 'all', page: q.page, limit: q.limit }, opts(signal)),
    /** Every assignment of the session, page after page. */
    async assignments(sessionId: string, signal?: AbortSignal): Promise<AssignmentView[]> {
      const out: AssignmentView[] = [];
      for (let page = 1; page <= MAX_ASSIGNMENT_PAGES; page += 1) {
        const p = await api.get<ListPage<AssignmentView>>(`/api/sessions/${enc(sessionId)}/assignments`, { page, limit: 200 }, opts(signal));
        out.push(...p.data);
        if (out.length >= p.total || p.data.length === 0) break;
      }
      return out;
    },
    users: (signal?: AbortSignal) => api.get<ListPage<UserView>>('/api/users', { limit: 200 }, opts(signal)),
    assign: (sessionId: string, body: { chatId: string; userId: string; note?: string }) => api.post<AssignmentView>(`/api/sessions/${enc(sessionId)}/assignments`, body),
    /** Assigns a chat; `already` when the person had it (not an error for a run over many chats). */
    async assignOnce(sessionId: string, body: { chatId: string; userId: string; note?: string }): Promise<'assigned' | 'already'> {
      try {
        await api.post<AssignmentView>(`/api/sessions/${enc(sessionId)}/assignments`, body);
        return 'assigned';
      } catch (err) {
        if (err instanceof ApiError && err.code === 'already_assigned') return 'already';
        throw err;
      }
    },
    reassign: (sessionId: string, assignmentId: string, userId: string) => api.put<AssignmentView>(`/api/sessions/${enc(sessionId)}/assignments/${enc(assignmentId)}`, { userId }),
    unassign: (sessionId: string, assignmentId: string) => api.del(`/api/sessions/${enc(sessionId)}/assignments/${enc(assignmentId)}`),
    autoAssign: (sessionId: string, signal?: AbortSignal) => api.get<AutoAssignView>(`/api/sessions/${enc(sessionId)}/auto-assign`, undefined, opts(signal)),
    setAutoAssign: (sessionId: string, rule: { enabled: boolean; userIds: string[]; onlineOnly: boolean }) => api.put<AutoAssignView>(`/api/sessions/${enc(sessionId)}/auto-assign`, rule),
  };
}

/** A chat's number as people write it (`+34600111222`), or null for groups and hidden numbers. */
export function chatPhone(chat: Pick<InboxChatView, 'id' | 'phone'>): string | null {
  const digits = chat.phone ?? phoneOfJid(chat.id);
  return digits ? `+${digits}` : null;
}

/** What to call a chat: its name, else its number, else its raw id. */
export function chatTitle(chat: Pick<InboxChatView, 'id' | 'name' | 'phone'>): string {
  return chat.name?.trim() || chatPhone(chat) || chat.id;
}
