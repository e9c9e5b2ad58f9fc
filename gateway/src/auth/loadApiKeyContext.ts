import { ApiKey, type ApiKeyDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { coversPermissions } from '../policies/coverage.ts';
import { apiKeyStatus, hashApiKey, isApiKey } from './apiKeys.ts';
import type { AuthContext } from './authContext.ts';
import { contextFor, loadActiveUser, plainPermissions } from './loadAuthContext.ts';

/**
 * from: REST `authenticate` or the Socket.IO handshake (`gatewayAuth`) with an `sk_…` credential
 * → here: hash lookup, status, creator → next: the route (or socket) with the key's ability.
 */

/** Why a key was refused (401 on REST, a handshake error on Socket.IO). */
export type ApiKeyFailureCode = 'invalid_api_key' | 'api_key_revoked' | 'api_key_expired' | 'api_key_disabled';

/** The outcome of checking a key: its AuthContext, or a coded refusal. */
export type ApiKeyCheck =
  | { ok: true; auth: AuthContext; keyId: string; hash: string; expiresAt: Date | null }
  | { ok: false; code: ApiKeyFailureCode; message: string };

const MESSAGES: Record<ApiKeyFailureCode, string> = {
  invalid_api_key: 'The API key is not valid',
  api_key_revoked: 'The API key has been revoked',
  api_key_expired: 'The API key has expired',
  api_key_disabled: "The API key's creator is deactivated or no longer has the permissions it grants",
};

const refuse = (code: ApiKeyFailureCode): ApiKeyCheck => ({ ok: false, code, message: MESSAGES[code] });

/** What checking a key needs: the injected clock and a logger for the background `lastUsedAt` write. */
export interface ApiKeyCheckDeps {
  now: () => Date;
  logger: Logger;
}

/** `lastUsedAt` is written at most this often per key. */
export const LAST_USED_EVERY_MS = 60_000;

/** When this process last wrote `lastUsedAt` of each key (saves a burst of requests one write each). */
const lastTouch = new Map<string, number>();

/**
 * Records the use of a key at most once a minute: skipped when the stored time (or this
 * process's last write) is recent; the conditional filter keeps concurrent gateways to one
 * write. Never awaited by the request and never fails it: an error is only logged.
 */
function touch(doc: Pick<ApiKeyDoc, '_id' | 'lastUsedAt'>, deps: ApiKeyCheckDeps): void {
  const now = deps.now();
  const id = doc._id.toString();
  const since = now.getTime() - LAST_USED_EVERY_MS;
  if ((doc.lastUsedAt && doc.lastUsedAt.getTime() > since) || (lastTouch.get(id) ?? 0) > since) return;
  lastTouch.set(id, now.getTime());
  ApiKey.updateOne({ _id: doc._id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: new Date(since) } }] }, { $set: { lastUsedAt: now } }).catch(
    (err: unknown) => deps.logger.warn({ err, keyId: id }, 'api key last-used write failed'),
  );
}

/**
 * Checks an API key: found by its hash (a keyed lookup, never a scan or a string compare of
 * secrets), not revoked, not expired, its creator active and still holding every permission of
 * the key. The ability is built from the key's permissions only.
 */
export async function loadApiKeyContext(key: string, deps: ApiKeyCheckDeps): Promise<ApiKeyCheck> {
  if (!isApiKey(key)) return refuse('invalid_api_key');
  return loadApiKeyContextByHash(hashApiKey(key), deps);
}

/** `loadApiKeyContext` from the key's hash (open sockets keep the hash, never the key). */
export async function loadApiKeyContextByHash(hash: string, deps: ApiKeyCheckDeps): Promise<ApiKeyCheck> {
  const doc = await ApiKey.findOne({ hash }).lean();
  if (!doc) return refuse('invalid_api_key');
  const status = apiKeyStatus(doc, deps.now());
  if (status === 'revoked') return refuse('api_key_revoked');
  if (status === 'expired') return refuse('api_key_expired');
  const creator = await loadActiveUser(doc.createdBy.toString());
  const permissions = plainPermissions(doc.permissions ?? []);
  // A creator who lost permissions since (role edited or changed) takes them away from the key too.
  if (!creator || !coversPermissions(plainPermissions(creator.role.permissions ?? []), permissions)) return refuse('api_key_disabled');
  touch(doc, deps);
  const auth = await contextFor(creator, permissions);
  const keyId = doc._id.toString();
  auth.apiKey = { id: keyId, name: doc.name };
  return { ok: true, auth, keyId, hash, expiresAt: doc.expiresAt };
}
