/**
 * Authorisation-matrix rows of the API key routes, spread into MATRIX by matrixFixtures.ts.
 * Only admins hold `ApiKey` permissions among the built-in roles; the limited caller has none.
 */
import { ApiKey, User } from '@switchboard/shared/node';
import { generateApiKey } from '../../../../gateway/src/auth/apiKeys.ts';
import { authed, type Call, type Caller, type Expect, type MatrixState } from './matrixFixtures.ts';

/** A fresh key made by the bystander (the row revokes it; callers' own access never changes). */
async function freshKey(s: MatrixState): Promise<string> {
  const made = generateApiKey();
  const creator = await User.findById(s.bystander, { _id: 1 }).lean();
  const doc = await ApiKey.create({ name: 'mx key', prefix: made.prefix, hash: made.hash, createdBy: creator!._id, permissions: [{ action: 'read', subject: 'Session' }] });
  return doc._id.toString();
}

/** `METHOD path` → call and expected statuses, for the API key routes. */
export const API_KEY_MATRIX: Record<string, { call: (s: MatrixState, who: Caller) => Promise<Call> | Call; expect: Expect }> = {
  'GET /api/api-keys': { call: () => ({ path: '/api/api-keys' }), expect: authed(200, 403, 403, 403) },
  'POST /api/api-keys': { call: () => ({ path: '/api/api-keys', body: { name: 'mx', permissions: [{ action: 'read', subject: 'Session' }] } }), expect: authed(201, 403, 403, 403) },
  'DELETE /api/api-keys/:id': { call: async (s) => ({ path: `/api/api-keys/${await freshKey(s)}` }), expect: authed(200, 403, 403, 403) },
};
