import { API_KEY_NAME_MAX } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { objectId, pageQuery } from '../common.ts';
import { permissionSchema } from '../roles/schema.ts';

/** True when no object key at any depth starts with `$` (FerretDB refuses to store such keys). */
export function withoutOperators(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(withoutOperators);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => !k.startsWith('$') && withoutOperators(v));
  return true;
}

/**
 * A permission of a key: a Role permission whose conditions use plain values only (one
 * permission per session instead of `$in`), since operators cannot be stored on every database.
 */
const keyPermission = permissionSchema.refine((p) => withoutOperators(p.conditions), {
  message: 'Conditions of a key must use plain values (no `$` operators): add one permission per value instead',
  path: ['conditions'],
});

/** `:id` of an API key. */
export const apiKeyParams = z.object({ id: objectId });

/** GET /api/api-keys */
export const listApiKeysQuery = pageQuery;

/** POST /api/api-keys */
export const createApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(API_KEY_NAME_MAX).openapi({ example: 'CRM ventas' }),
    permissions: z
      .array(keyPermission)
      .min(1)
      .max(50)
      .openapi({
        description: 'What the key may do (Role permission rules), never more than the caller has',
        example: [
          { action: 'send', subject: 'Message', conditions: { sessionId: 'ventas' } },
          { action: 'read', subject: 'Session', conditions: { sessionId: 'ventas' } },
        ],
      }),
    expiresAt: z.iso
      .datetime({ offset: true })
      .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a valid date')
      .nullable()
      .optional()
      .openapi({ description: 'When the key stops working (must be in the future); absent or null: never', example: '2027-01-31T00:00:00Z' }),
  })
  .openapi('CreateApiKeyRequest');

const apiKeyFields = {
  id: z.string(),
  name: z.string(),
  prefix: z.string().openapi({ description: 'The start of the key, for telling keys apart', example: 'sk_AbC12345…' }),
  permissions: z.array(permissionSchema),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().openapi({ description: 'Last use, updated at most once a minute' }),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
};

/** An API key as listed (ApiKeyView): never the key nor its hash. */
export const apiKeySchema = z.object(apiKeyFields).openapi('ApiKey');

/** The answer to POST /api/api-keys (CreatedApiKeyView): the key itself, shown this once. */
export const createdApiKeySchema = z
  .object({ ...apiKeyFields, key: z.string().openapi({ description: 'The secret key: shown only in this answer, store it now', example: 'sk_…' }) })
  .openapi('CreatedApiKey');
