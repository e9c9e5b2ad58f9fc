/** REST calls of the users screen (one place, typed with the shared contract). */
import type { ListPage, RoleView, UserLocale, UserView } from '@switchboard/shared';
import type { ApiClient, Query } from '../../api/http.ts';
import { on } from '../../auth/ability.ts';

const enc = encodeURIComponent;

/** Fields of a new user. */
export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: string;
  locale: UserLocale;
}

/** Fields a user edit may change. */
export type UserChanges = Partial<Omit<NewUser, 'password'>> & { active?: boolean };

/** Answer of the administrator's password reset. */
export interface ResetResult {
  ok: boolean;
  /** False when the email with the temporary password could not be sent. */
  emailed: boolean;
  /** Only when the email could not be sent: the admin hands it over another way. */
  temporaryPassword?: string;
}

/** Typed wrappers over the user routes. */
export function usersApi(api: ApiClient) {
  return {
    list: (q: Query, signal?: AbortSignal) => api.get<ListPage<UserView>>('/api/users', q, signal ? { signal } : undefined),
    roles: (signal?: AbortSignal) => api.get<ListPage<RoleView>>('/api/roles', { limit: 200 }, signal ? { signal } : undefined),
    create: (body: NewUser) => api.post<UserView>('/api/users', body),
    update: (id: string, body: UserChanges) => api.put<UserView>(`/api/users/${enc(id)}`, body),
    remove: (id: string) => api.del(`/api/users/${enc(id)}`),
    resetPassword: (id: string) => api.post<ResetResult>(`/api/admin/users/${enc(id)}/reset-password`),
  };
}

/** The record-level subject of a user, as the gateway builds it (its rules look at `roleName`). */
export function userSubject(u: Pick<UserView, 'id' | 'role'>) {
  return on('User', { _id: u.id, id: u.id, role: u.role.id, roleName: u.role.name ?? '' });
}

/** The subject of "a user with this role" (may I create or move someone into it?). */
export function roleTargetSubject(r: Pick<RoleView, 'id' | 'name'>) {
  return on('User', { role: r.id, roleName: r.name });
}
