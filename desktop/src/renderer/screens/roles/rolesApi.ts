/** REST calls of the roles screen (one place, typed with the shared contract). */
import type { ListPage, Permission, RoleView, UserView } from '@switchboard/shared';
import type { ApiClient } from '../../api/http.ts';
import { on } from '../../auth/ability.ts';

const enc = encodeURIComponent;

/** What a role's editor saves. */
export interface RoleInput {
  name: string;
  description: string;
  permissions: Permission[];
}

/** Typed wrappers over the role routes. */
export function rolesApi(api: ApiClient) {
  return {
    list: (signal?: AbortSignal) => api.get<ListPage<RoleView>>('/api/roles', { limit: 200 }, signal ? { signal } : undefined),
    create: (body: RoleInput) => api.post<RoleView>('/api/roles', body),
    update: (id: string, body: RoleInput) => api.put<RoleView>(`/api/roles/${enc(id)}`, body),
    remove: (id: string) => api.del(`/api/roles/${enc(id)}`),
    /** How many users hold each role (one cheap `limit=1` count per role). */
    async holders(roles: readonly RoleView[], signal?: AbortSignal): Promise<Record<string, number>> {
      const counts = await Promise.all(roles.map((r) => api.get<ListPage<UserView>>('/api/users', { role: r.id, limit: 1 }, signal ? { signal } : undefined).then((p) => p.total)));
      return Object.fromEntries(roles.map((r, i) => [r.id, counts[i] ?? 0]));
    },
  };
}

/** The record-level subject of a role, as the gateway builds it. */
export function roleSubject(r: Pick<RoleView, 'id' | 'name' | 'builtIn'>) {
  return on('Role', { _id: r.id, id: r.id, name: r.name, builtIn: r.builtIn });
}

/** The built-in roles' descriptions are stored as "Spanish / English": show the reader's half. */
export function roleDescription(r: Pick<RoleView, 'builtIn' | 'description'>, locale: 'es' | 'en'): string {
  if (!r.builtIn) return r.description;
  const [es, en] = r.description.split(' / ');
  return (locale === 'en' ? en : es) ?? r.description;
}
