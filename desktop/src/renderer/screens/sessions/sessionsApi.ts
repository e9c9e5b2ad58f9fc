/** REST calls of the sessions screens (one place, typed with the shared contract). */
import type { BusinessHoursView, ListPage, QrView, SessionDetailsView, SessionStatsView, SessionView, TimelineEntry, WeekSchedule } from '@switchboard/shared';
import type { ApiClient, Query } from '../../api/http.ts';

const enc = encodeURIComponent;

/** Typed wrappers over the session routes. */
export function sessionsApi(api: ApiClient) {
  return {
    list: (q: Query, signal?: AbortSignal) => api.get<ListPage<SessionView>>('/api/sessions', q, signal ? { signal } : undefined),
    stats: () => api.get<SessionStatsView>('/api/sessions/stats'),
    businessHours: (sessionId: string, signal?: AbortSignal) => api.get<BusinessHoursView>(`/api/sessions/${encodeURIComponent(sessionId)}/business-hours`, undefined, signal ? { signal } : undefined),
    setBusinessHours: (sessionId: string, body: Omit<BusinessHoursView, 'sessionId' | 'timeZone' | 'week'> & { timeZone: string; week: WeekSchedule }) =>
      api.put<BusinessHoursView>(`/api/sessions/${encodeURIComponent(sessionId)}/business-hours`, body),
    create: (body: { name: string; sessionId?: string }) => api.post<SessionView>('/api/sessions', body),
    rename: (id: string, name: string) => api.put<SessionView>(`/api/sessions/${enc(id)}`, { name }),
    remove: (id: string) => api.del(`/api/sessions/${enc(id)}`),
    start: (id: string) => api.post(`/api/sessions/${enc(id)}/start`),
    stop: (id: string) => api.post(`/api/sessions/${enc(id)}/stop`),
    relink: (id: string) => api.post(`/api/sessions/${enc(id)}/relink`),
    resetAttempts: (id: string) => api.post(`/api/sessions/${enc(id)}/reset-attempts`),
    cleanup: (id: string) => api.del(`/api/sessions/${enc(id)}/cleanup`),
    cleanupInactive: (olderThanDays: number) => api.post<{ removed: string[] }>('/api/sessions/cleanup-inactive', { olderThanDays }),
    qr: (id: string) => api.get<QrView>(`/api/sessions/${enc(id)}/qr`),
    pairingCode: (id: string, phone: string) => api.post<{ code: string }>(`/api/sessions/${enc(id)}/pairing-code`, { phone }),
    details: (id: string, signal?: AbortSignal) => api.get<SessionDetailsView>(`/api/sessions/${enc(id)}/details`, undefined, signal ? { signal } : undefined),
    timeline: (id: string, q: Query, signal?: AbortSignal) => api.get<TimelineEntry[] | { data: TimelineEntry[] }>(`/api/sessions/${enc(id)}/timeline`, q, signal ? { signal } : undefined),
  };
}

/** Statuses that need a person to link (or relink) the phone. */
const NEEDS_LINK = new Set(['created', 'qr', 'logged_out', 'replaced']);

/**
 * True when the session waits for someone to link a phone: a status above, or stopped before
 * any phone was linked (the link timeout stops a session nobody links; linking starts it again).
 */
export function needsLink(s: { status: string; me?: unknown }): boolean {
  return NEEDS_LINK.has(s.status) || (s.status === 'stopped' && !s.me);
}

/** Digits of a WhatsApp JID (`34600111222:3@s.whatsapp.net` → `+34 600111222`-ish display). */
export function phoneOf(jid: string | null | undefined): string | null {
  if (!jid) return null;
  const digits = jid.split('@')[0]?.split(':')[0] ?? '';
  return /^\d{6,15}$/.test(digits) ? `+${digits}` : null;
}
