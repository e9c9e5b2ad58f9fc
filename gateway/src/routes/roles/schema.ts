import { PERMISSION_ACTIONS, PERMISSION_SUBJECTS } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { objectId, pageQuery } from '../common.ts';

/** True for plain JSON of bounded depth and size (what a CASL condition may hold). */
function isBoundedJson(value: unknown, depth = 0): boolean {
  if (depth > 6) return false;
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return typeof value !== 'string' || (value as string).length <= 500;
  if (Array.isArray(value)) return value.length <= 500 && value.every((v) => isBoundedJson(v, depth + 1));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length <= 50 && entries.every(([k, v]) => k.length <= 100 && isBoundedJson(v, depth + 1));
  }
  return false;
}

/** Mongo-style conditions: plain JSON (depth ≤ 6), e.g. `{ "assigned": true }` or `{ "sessionId": "ventas" }`. */
const conditionsSchema = z
  .record(z.string().max(100), z.unknown())
  .refine((v) => isBoundedJson(v), { message: 'Conditions must be plain JSON of limited depth and size' });

/** One granular permission: an action on a subject, optionally limited by conditions or fields. */
export const permissionSchema = z
  .object({
    action: z.enum(PERMISSION_ACTIONS),
    subject: z.enum(PERMISSION_SUBJECTS),
    conditions: conditionsSchema.optional(),
    fields: z.array(z.string().max(100)).max(50).optional(),
    inverted: z.boolean().optional(),
  })
  .openapi('Permission');

/** A role as returned by the API. */
export const roleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    builtIn: z.boolean(),
    description: z.string(),
    permissions: z.array(permissionSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Role');

/** `:id` of a role. */
export const roleParams = z.object({ id: objectId });

/** POST /api/roles */
export const createRoleBody = z
  .object({
    // The document's pattern is spelled out: the generator would copy the regex's `/u` flag into it.
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\p{L}\p{N} _.-]+$/u, 'Letters, digits, spaces, _ . -')
      .openapi({ pattern: '^[\\p{L}\\p{N} _.-]+$' }),
    description: z.string().max(1000).optional(),
    permissions: z.array(permissionSchema).max(100),
  })
  .openapi('CreateRoleRequest');

/** PUT /api/roles/:id */
export const updateRoleBody = createRoleBody.partial().openapi('UpdateRoleRequest');

/** GET /api/roles */
export const listRolesQuery = pageQuery;
