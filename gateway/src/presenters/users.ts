import type { RoleDoc, UserDoc } from '@switchboard/shared/node';

/** A user as the API returns it (never the password hash or token version). */
export function presentUser(u: Pick<UserDoc, '_id' | 'name' | 'email' | 'locale' | 'active' | 'mustChangePassword' | 'createdAt' | 'updatedAt'> & { lastLoginAt?: Date | null; role: unknown }, role?: Pick<RoleDoc, '_id' | 'name'> | null) {
  return {
    id: u._id.toString(),
    name: u.name,
    email: u.email,
    role: role ? { id: role._id.toString(), name: role.name } : { id: String(u.role), name: null },
    locale: u.locale,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

/** A role as the API returns it. */
export function presentRole(r: Pick<RoleDoc, '_id' | 'name' | 'builtIn' | 'description' | 'permissions' | 'createdAt' | 'updatedAt'>) {
  return {
    id: r._id.toString(),
    name: r.name,
    builtIn: r.builtIn,
    description: r.description,
    permissions: r.permissions.map((p) => ({
      action: p.action,
      subject: p.subject,
      ...(p.conditions ? { conditions: p.conditions } : {}),
      ...(p.fields && p.fields.length ? { fields: p.fields } : {}),
      ...(p.inverted ? { inverted: true } : {}),
    })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
