import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import {
  BUILT_IN_ROLES,
  BUILT_IN_ROLE_DESCRIPTIONS,
  BUILT_IN_ROLE_PERMISSIONS,
  type UserLocale,
} from '../../domain/permissions.ts';
import { Role } from '../models/role.ts';
import { User } from '../models/user.ts';
import { generatePassword, hashPassword } from './password.ts';

/** The first admin, from ADMIN_NAME / ADMIN_EMAIL / ADMIN_PASSWORD. */
export interface SeedAdmin {
  name: string;
  email: string;
  /** When unset, a strong password is generated and returned once. */
  password?: string | undefined;
  locale?: UserLocale;
}

/** What a seed run did. */
export interface SeedResult {
  rolesCreated: string[];
  rolesUpdated: string[];
  /** 'created', or why no admin was created. */
  admin: 'created' | 'email-exists' | 'admin-exists';
  adminEmail: string;
  /**
   * The generated admin password when one was generated: show it to the operator ONCE
   * (stdout of a CLI), never log it.
   */
  generatedPassword?: string;
}

/** Creates missing built-in roles and brings their permissions in line with the code. */
async function seedRoles(result: SeedResult): Promise<Map<string, Types.ObjectId>> {
  const ids = new Map<string, Types.ObjectId>();
  for (const name of BUILT_IN_ROLES) {
    const wanted = { builtIn: true, description: BUILT_IN_ROLE_DESCRIPTIONS[name], permissions: BUILT_IN_ROLE_PERMISSIONS[name] };
    const existing = await Role.findOne({ name }).lean();
    if (!existing) {
      const created = await Role.create({ name, ...wanted });
      ids.set(name, created._id);
      result.rolesCreated.push(name);
      continue;
    }
    ids.set(name, existing._id);
    const current = { builtIn: existing.builtIn, description: existing.description, permissions: existing.permissions };
    if (JSON.stringify(normalize(current)) !== JSON.stringify(normalize(wanted))) {
      await Role.updateOne({ _id: existing._id }, { $set: wanted });
      result.rolesUpdated.push(name);
    }
  }
  return ids;
}

/** Canonical form (undefined dropped, keys sorted) so stored and wanted roles compare equal. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return value;
}

/**
 * Seeds the database: the built-in roles (admin, supervisor, employee) and the first admin.
 * Idempotent: a second run changes nothing. The admin is created only when no user has its
 * email and no user holds the admin role yet; an existing admin's password is never touched.
 */
export async function seedDatabase(admin: SeedAdmin, logger: Logger): Promise<SeedResult> {
  const log = logger.child({ module: 'seed' });
  const email = admin.email.trim().toLowerCase();
  const result: SeedResult = { rolesCreated: [], rolesUpdated: [], admin: 'admin-exists', adminEmail: email };
  const roles = await seedRoles(result);
  const adminRoleId = roles.get('admin');

  if (await User.exists({ email })) {
    result.admin = 'email-exists';
  } else if (await User.exists({ role: adminRoleId })) {
    result.admin = 'admin-exists';
  } else {
    const password = admin.password ?? generatePassword();
    await User.create({
      name: admin.name,
      email,
      passwordHash: await hashPassword(password),
      role: adminRoleId,
      locale: admin.locale ?? 'es',
      // A generated password was shown once on a console: ask for a new one at first login.
      mustChangePassword: admin.password === undefined,
    });
    result.admin = 'created';
    if (admin.password === undefined) result.generatedPassword = password;
  }
  log.info(
    { rolesCreated: result.rolesCreated, rolesUpdated: result.rolesUpdated, admin: result.admin, adminEmail: email },
    'seed finished',
  );
  return result;
}

/** The configuration ensureSeeded reads (ADMIN_* variables). */
export interface EnsureSeededConfig {
  ADMIN_NAME: string;
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD?: string | undefined;
}

/**
 * Seeds on start-up (idempotent). Returns the generated admin password when the admin was just
 * created without ADMIN_PASSWORD, so the caller can print it once to the operator; otherwise
 * undefined.
 */
export async function ensureSeeded(config: EnsureSeededConfig, logger: Logger): Promise<string | undefined> {
  const result = await seedDatabase(
    { name: config.ADMIN_NAME, email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
    logger,
  );
  return result.generatedPassword;
}

/** The text a CLI prints once to show a generated admin password (Spanish and English). */
export function generatedPasswordNotice(email: string, password: string): string {
  return [
    '',
    '==================================================================',
    ` Admin created / Administrador creado: ${email}`,
    ` Password / Contraseña (shown once / se muestra una sola vez):`,
    `   ${password}`,
    ' You must change it at first login / Debe cambiarla al iniciar sesión.',
    '==================================================================',
    '',
  ].join('\n');
}
