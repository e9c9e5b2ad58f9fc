import { Assignment, silentLogger } from '@switchboard/shared/node';
import jwt from 'jsonwebtoken';
import { looksLikeApiKey } from '../auth/apiKeys.ts';
import type { AuthContext } from '../auth/authContext.ts';
import { loadApiKeyContext, loadApiKeyContextByHash, type ApiKeyCheck, type ApiKeyCheckDeps } from '../auth/loadApiKeyContext.ts';
import { loadAuthContext } from '../auth/loadAuthContext.ts';
import { readClaims } from '../auth/tokens.ts';
import { SocketAuthError } from './handshake.ts';
import type { RealtimeDeps, RealtimeUser, VerifiedToken } from './types.ts';

/** What a handshake with an API key hands to `loadUserContext`: the key's hash (never the key), to check it again on every refresh. */
interface ApiKeyClaims {
  apiKeyHash: string;
}

const isApiKeyClaims = (claims: unknown): claims is ApiKeyClaims => typeof (claims as Partial<ApiKeyClaims> | undefined)?.apiKeyHash === 'string';

/**
 * The gateway's rules for sockets: the same secret, claims, token-version revocation and
 * ability (`loadAuthContext` → `defineAbilityFor`) as REST; an `sk_…` token is an API key,
 * checked like on REST (`loadApiKeyContext`) at the handshake and again at every refresh, so a
 * revoked or expired key loses its sockets. Spread into `attachRealtime` deps.
 */
export function gatewaySocketAuth(secret: string, keys: Partial<ApiKeyCheckDeps> = {}): Pick<RealtimeDeps, 'verifyToken' | 'loadUserContext'> {
  const keyDeps: ApiKeyCheckDeps = { now: keys.now ?? (() => new Date()), logger: keys.logger ?? silentLogger() };

  /** The key's context, or a coded refusal the client sees. */
  async function checkKey(check: Promise<ApiKeyCheck>): Promise<{ auth: AuthContext; hash: string; expiresAt: Date | null }> {
    const result = await check;
    if (!result.ok) throw new SocketAuthError(result.code, result.message);
    return result;
  }

  return {
    async verifyToken(token: string): Promise<VerifiedToken | undefined> {
      if (looksLikeApiKey(token)) {
        const { auth, hash, expiresAt } = await checkKey(loadApiKeyContext(token, keyDeps));
        return { userId: auth.user.id, claims: { apiKeyHash: hash } satisfies ApiKeyClaims, ...(expiresAt ? { expiresAt: expiresAt.getTime() } : {}) };
      }
      let decoded: unknown;
      try {
        decoded = jwt.verify(token, secret, { algorithms: ['HS256'] });
      } catch (err) {
        if ((err as Error).name === 'TokenExpiredError') throw new SocketAuthError('token_expired', 'The token has expired');
        return undefined;
      }
      const claims = readClaims(decoded);
      if (!claims) return undefined;
      const exp = (decoded as { exp?: number }).exp;
      return { userId: claims.sub, claims, ...(exp ? { expiresAt: exp * 1000 } : {}) };
    },
    async loadUserContext(token: VerifiedToken): Promise<RealtimeUser | undefined> {
      if (isApiKeyClaims(token.claims)) return realtimeUser((await checkKey(loadApiKeyContextByHash(token.claims.apiKeyHash, keyDeps))).auth);
      const auth = await loadAuthContext(token.userId);
      const claims = readClaims(token.claims);
      if (!auth || !claims || auth.user.tokenVersion !== claims.ver) return undefined;
      if (auth.user.mustChangePassword) {
        throw new SocketAuthError('password_change_required', 'You must change your password before continuing');
      }
      return realtimeUser(auth);
    },
  };
}

/** The realtime view of an AuthContext (with the assignments its rules need). */
async function realtimeUser(auth: AuthContext): Promise<RealtimeUser> {
  const assignments = await assignmentsOf(auth.user.id, auth.role.permissions);
  return { userId: auth.user.id, name: auth.user.name, ability: auth.ability, assignments };
}

/** The user's assignments when the role is limited to assigned chats (none otherwise). */
async function assignmentsOf(
  userId: string,
  permissions: ReadonlyArray<{ conditions?: Record<string, unknown> }>,
): Promise<Array<{ sessionId: string; chatId: string }>> {
  if (!permissions.some((p) => p.conditions?.assigned === true)) return [];
  const docs = await Assignment.find({ userId }, { sessionId: 1, chatId: 1 }).lean();
  return docs.map((d) => ({ sessionId: d.sessionId, chatId: d.chatId }));
}
