import { Session, type SessionDoc } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import { notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import type { Action } from '../../policies/vocabulary.ts';

/**
 * Loads a session the caller may act on. Unknown sessions are 404 for callers who could see
 * them and 403 otherwise, so employees cannot probe which sessions exist.
 */
export async function loadSession(auth: AuthContext, sessionId: string, action: Action): Promise<SessionDoc> {
  authorize(auth, action, subjects.session(sessionId));
  const doc = await Session.findOne({ sessionId }).lean();
  if (!doc) throw notFound('session');
  return doc;
}
