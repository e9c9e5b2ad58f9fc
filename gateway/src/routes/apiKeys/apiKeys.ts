import { ApiKey, User, type ApiKeyDoc } from '@switchboard/shared/node';
import type { Permission } from '@switchboard/shared';
import type { AuthContext } from '../../auth/authContext.ts';
import { generateApiKey } from '../../auth/apiKeys.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import type { ValidationIssue } from '../../middlewares/validate.ts';
import { uncoveredPermissions } from '../../policies/coverage.ts';
import { allowed, authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentApiKey } from '../../presenters/apiKeys.ts';
import { notifyUserChanged } from '../../realtimeNotify.ts';
import { listOf, listResponse, paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { apiKeyParams, apiKeySchema, createApiKeyBody, createdApiKeySchema, listApiKeysQuery } from './schema.ts';

const tag = 'API keys';
const keySubject = (k: Pick<ApiKeyDoc, 'createdBy'>) => subjects.apiKey({ createdBy: k.createdBy.toString() });

/** Loads a key the caller may read; one they may not read answers 404, as if it did not exist. */
async function loadReadable(auth: AuthContext, id: string): Promise<ApiKeyDoc> {
  const doc = await ApiKey.findById(id).lean();
  if (!doc || !allowed(auth, 'read', keySubject(doc))) throw notFound('API key');
  return doc;
}

/** 403 `exceeds_own_permissions` unless the caller has every permission the key would have (no escalation through a key). */
function assertCovered(auth: AuthContext, permissions: readonly Permission[]): void {
  const missing = uncoveredPermissions(auth.role.permissions, permissions);
  if (missing.length > 0) throw new AppError(403, 'exceeds_own_permissions', 'This key would have permissions you do not have', { missing: missing.slice(0, 20) });
}

/** The creators of a page of keys, by id, in one query. */
async function creatorsOf(docs: readonly ApiKeyDoc[]) {
  const ids = [...new Set(docs.map((d) => d.createdBy.toString()))];
  const users = ids.length > 0 ? await User.find({ _id: { $in: ids } }, { name: 1 }).lean() : [];
  return new Map(users.map((u) => [u._id.toString(), u]));
}

/**
 * Scoped API keys for integrators (issue 15): people list, create and revoke them; a key acts as
 * its creator with its own permissions only. Keys cannot manage keys (`humanOnly`).
 */
export const apiKeyRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/api-keys', tag, summary: 'API keys, newest first (never the key itself)', auth: 'user', permission: ['read', 'ApiKey'],
    record: 'ApiKey', query: listApiKeysQuery,
    response: { status: 200, description: 'A page of API keys', schema: listOf(apiKeySchema) },
    async handler({ deps, auth, query }) {
      const filter = scope(auth!, 'read', 'ApiKey');
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([ApiKey.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean(), ApiKey.countDocuments(filter)]);
      const creators = await creatorsOf(docs);
      const now = deps.now();
      return listResponse(docs.map((d) => presentApiKey(d, creators.get(d.createdBy.toString()) ?? null, now)), total, query);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/api-keys', tag, summary: 'Create an API key (only with permissions the caller has); the key is in this answer only', auth: 'user', humanOnly: true, permission: ['create', 'ApiKey'],
    record: 'ApiKey', body: createApiKeyBody, audit: 'api_key.create',
    response: { status: 201, description: 'The key with `key`, shown once; 403 `exceeds_own_permissions`, `api_key_not_allowed`', schema: createdApiKeySchema },
    async handler({ deps, auth, body, audit }) {
      authorize(auth, 'create', subjects.apiKey({ createdBy: auth!.user.id }));
      const now = deps.now();
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= now.getTime()) {
        throw validationFailed([{ in: 'body', path: 'expiresAt', code: 'custom', message: 'Must be in the future' }] satisfies ValidationIssue[]);
      }
      assertCovered(auth!, body.permissions);
      const made = generateApiKey();
      const doc = await ApiKey.create({ name: body.name, prefix: made.prefix, hash: made.hash, permissions: body.permissions, createdBy: auth!.user._id, expiresAt });
      // Never the key (nor its hash) in the audit entry.
      Object.assign(audit, { targetType: 'ApiKey', targetId: doc._id.toString(), details: { name: doc.name, prefix: doc.prefix, expiresAt: expiresAt?.toISOString() ?? null } });
      return { ...presentApiKey(doc.toObject(), auth!.user, now), key: made.key };
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/api-keys/:id', tag, summary: 'Revoke an API key (kept for the audit trail; revoking twice is fine)', auth: 'user', humanOnly: true, permission: ['delete', 'ApiKey'],
    record: 'ApiKey', params: apiKeyParams, audit: 'api_key.revoke',
    response: { status: 200, description: 'The revoked key', schema: apiKeySchema },
    async handler({ deps, auth, params, audit }) {
      const current = await loadReadable(auth!, params.id);
      authorize(auth, 'delete', keySubject(current));
      const now = deps.now();
      // Conditional, so a second revoke keeps the first time.
      const doc = (await ApiKey.findOneAndUpdate({ _id: current._id, revokedAt: null }, { $set: { revokedAt: now } }, { returnDocument: 'after' }).lean()) ?? (await ApiKey.findById(current._id).lean());
      if (!doc) throw notFound('API key');
      // Open sockets of the key are re-checked (and closed with `api_key_revoked`).
      notifyUserChanged(deps, doc.createdBy.toString());
      Object.assign(audit, { targetType: 'ApiKey', targetId: params.id, details: { name: doc.name, prefix: doc.prefix, alreadyRevoked: current.revokedAt !== null } });
      const creators = await creatorsOf([doc]);
      return presentApiKey(doc, creators.get(doc.createdBy.toString()) ?? null, now);
    },
  }),
];
