import { Assignment } from '@switchboard/shared/node';
import jwt from 'jsonwebtoken';
import { loadAuthContext } from '../auth/loadAuthContext.ts';
import { readClaims } from '../auth/tokens.ts';
import { SocketAuthError } from './handshake.ts';
import type { RealtimeDeps, RealtimeUser, VerifiedToken } from './types.ts';

/**
 * The gateway's JWT rules for sockets: the same secret, claims, token-version revocation and
 * ability (`loadAuthContext` → `defineAbilityFor`) as REST. Spread into `attachRealtime` deps.
 */
export function gatewaySocketAuth(secret: string): Pick<RealtimeDeps, 'verifyToken' | 'loadUserContext'> {
  return {
    async verifyToken(token: string): Promise<VerifiedToken | undefined> {
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
      const auth = await loadAuthContext(token.userId);
      const claims = readClaims(token.claims);
      if (!auth || !claims || auth.user.tokenVersion !== claims.ver) return undefined;
      if (auth.user.mustChangePassword) {
        throw new SocketAuthError('password_change_required', 'You must change your password before continuing');
      }
      const assignments = await assignmentsOf(auth.user.id, auth.role.permissions);
      return { userId: auth.user.id, name: auth.user.name, ability: auth.ability, assignments };
    },
  };
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
