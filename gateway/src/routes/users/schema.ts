import { USER_LOCALES } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { emailSchema, objectId, pageQuery, passwordSchema } from '../common.ts';

/** `:id` of a user. */
export const userParams = z.object({ id: objectId });

/** A role reference: its name or its id. */
export const roleRef = z.string().trim().min(1).max(100).openapi({ description: 'Role name or id', example: 'employee' });

/** POST /api/users */
export const createUserBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: emailSchema,
    password: passwordSchema,
    role: roleRef,
    locale: z.enum(USER_LOCALES).optional(),
  })
  .openapi('CreateUserRequest');

/** PUT /api/users/:id (every field optional). */
export const updateUserBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: emailSchema.optional(),
    password: passwordSchema.optional(),
    role: roleRef.optional(),
    locale: z.enum(USER_LOCALES).optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdateUserRequest');

/** GET /api/users filters. */
export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: roleRef.optional(),
  active: z.enum(['true', 'false']).optional(),
});
