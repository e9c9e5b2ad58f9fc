import { subject } from '@casl/ability';
import type { AuthContext } from '../auth/authContext.ts';
import { forbidden } from '../errors.ts';
import type { Action, AppAbility } from './vocabulary.ts';

/**
 * CASL subjects of the models routes check record by record: plain objects with string ids,
 * built in one place per model so every route asks the same question.
 */
export const subjects = {
  /** A chat of a session (rules match `sessionId` and `jid`). */
  chat: (sessionId: string, jid: string) => subject('Chat', { sessionId, jid }),
  /** Messages of a chat (rules match `sessionId` and `chatId`). */
  message: (sessionId: string, chatId: string) => subject('Message', { sessionId, chatId }),
  /** A session. */
  session: (sessionId: string) => subject('Session', { sessionId }),
  /** A canned reply: `ownerId` null for shared ones. */
  cannedReply: (ownerId: string | null) => subject('CannedReply', { ownerId }),
};

type AnySubject = ReturnType<(typeof subjects)[keyof typeof subjects]>;

/** Throws 403 `forbidden` unless the caller may `action` the subject. */
export function authorize(auth: AuthContext | { ability: AppAbility } | undefined, action: Action, target: AnySubject): void {
  if (!auth?.ability.can(action, target)) throw forbidden();
}
