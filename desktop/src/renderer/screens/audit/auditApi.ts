/** REST calls of the audit screen. */
import type { AuditEntryView, ListPage, UserView } from '@switchboard/shared';
import type { ApiClient, Query } from '../../api/http.ts';

/** Typed wrappers over the routes the screen uses. */
export function auditApi(api: ApiClient) {
  return {
    list: (q: Query, signal?: AbortSignal) => api.get<ListPage<AuditEntryView>>('/api/audit', q, signal ? { signal } : undefined),
    /** People for the "who" filter (the first 200, enough for a team). */
    users: (signal?: AbortSignal) => api.get<ListPage<UserView>>('/api/users', { limit: 200 }, signal ? { signal } : undefined),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A day from a date input (`2025-03-09`) as an ISO time with this computer's UTC offset: the
 * start of the day, or its last second for the end of a range (`2025-03-09T23:59:59+01:00`).
 */
export function dayToIso(day: string, endOfDay = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = endOfDay ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59) : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
