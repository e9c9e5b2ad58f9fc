import { accessibleBy } from '@casl/mongoose';
import { detectSubjectType, subject } from '@casl/ability';
import type { AuthContext } from '../auth/authContext.ts';
import { forbidden } from '../errors.ts';
import type { Action, AppAbility, Subject } from './vocabulary.ts';

/** Models whose records routes check one by one (every CASL subject but `all`, `Dashboard` and `System`). */
export type RecordKind = Exclude<Subject, 'all' | 'Dashboard' | 'System'>;

/** Every record kind (the route-table test walks them). */
export const RECORD_KINDS: readonly RecordKind[] = ['Session', 'Chat', 'Message', 'Media', 'User', 'Role', 'Assignment', 'AuditLog', 'CannedReply', 'Label', 'ApiKey', 'Webhook'];

/**
 * CASL subjects of every model routes check record by record: plain objects with string ids,
 * built in one place per model so every route (and the console, which mirrors these shapes)
 * asks the same question. Role rules may name any of these fields in their conditions.
 */
export const subjects = {
  /** A session. */
  session: (sessionId: string) => subject('Session', { sessionId }),
  /** A chat of a session (rules match `sessionId` and `jid`). */
  chat: (sessionId: string, jid: string) => subject('Chat', { sessionId, jid }),
  /** Messages of a chat (rules match `sessionId` and `chatId`). */
  message: (sessionId: string, chatId: string) => subject('Message', { sessionId, chatId }),
  /** A media file (`chatId` null until it is sent to a chat). */
  media: (m: { sessionId: string; chatId?: string | null; direction?: string }) =>
    subject('Media', { sessionId: m.sessionId, chatId: m.chatId ?? null, ...(m.direction ? { direction: m.direction } : {}) }),
  /**
   * A user: `roleName` lets rules such as "supervisors cannot manage admins" apply. Without
   * `id` it is "a user with this role" (creating one, or moving someone into the role).
   */
  user: (u: { id?: string; roleId: string; roleName: string }) =>
    subject('User', { ...(u.id ? { _id: u.id, id: u.id } : {}), role: u.roleId, roleName: u.roleName }),
  /** A role. */
  role: (r: { id?: string; name: string; builtIn?: boolean }) =>
    subject('Role', { ...(r.id ? { _id: r.id, id: r.id } : {}), name: r.name, builtIn: r.builtIn ?? false }),
  /** A chat assignment (rules match `sessionId`, `chatId` and the assignee's `userId`). */
  assignment: (a: { sessionId: string; chatId: string; userId: string }) => subject('Assignment', { sessionId: a.sessionId, chatId: a.chatId, userId: a.userId }),
  /** A canned reply: `ownerId` null for shared ones. */
  cannedReply: (ownerId: string | null) => subject('CannedReply', { ownerId }),
  /** The team's labels (one list for every session: rules have no fields to match). */
  label: () => subject('Label', {}),
  /** An audit entry (rules match `userId`, `action`, `targetType`). */
  auditLog: (e: { userId: string | null; action: string; targetType: string | null }) => subject('AuditLog', { userId: e.userId, action: e.action, targetType: e.targetType }),
  /** A webhook (rules match `sessionId`; null for one that receives every session's events). */
  webhook: (sessionId: string | null) => subject('Webhook', { sessionId }),
  /** An API key (rules match its creator, `createdBy`, e.g. `{createdBy: "${user.id}"}` for "own keys"). */
  apiKey: (k: { createdBy: string }) => subject('ApiKey', { createdBy: k.createdBy }),
};

/** Any subject the builders make. */
export type RecordSubject = ReturnType<(typeof subjects)[keyof typeof subjects]>;

type Caller = AuthContext | { ability: AppAbility } | undefined;

/**
 * Record kinds checked during one request, per caller object (a fresh AuthContext is loaded for
 * every request). `defineRoute` reads it after the handler: a route that declares a `record`
 * but never checked one fails loudly instead of answering with data nobody authorised.
 */
const checked = new WeakMap<object, Set<RecordKind>>();

/** Notes that a record-level check (or a scoped query) of `kind` ran for this caller. */
export function markChecked(auth: Caller, kind: RecordKind): void {
  if (!auth) return;
  const set = checked.get(auth) ?? new Set<RecordKind>();
  set.add(kind);
  checked.set(auth, set);
}

/** True when a record-level check of `kind` ran for this caller (see `markChecked`). */
export function wasChecked(auth: Caller, kind: RecordKind): boolean {
  return !!auth && (checked.get(auth)?.has(kind) ?? false);
}

/** True when the caller may `action` the record (and notes that the record was checked). */
export function allowed(auth: Caller, action: Action, target: RecordSubject): boolean {
  markChecked(auth, detectSubjectType(target) as RecordKind);
  return !!auth?.ability.can(action, target);
}

/** Throws 403 `forbidden` unless the caller may `action` the record. */
export function authorize(auth: Caller, action: Action, target: RecordSubject): void {
  if (!allowed(auth, action, target)) throw forbidden();
}

/**
 * The database filter of the records of `kind` the caller may `action` (`accessibleBy`), for
 * list queries: scoped in the database, never filtered afterwards. Users are scoped by
 * `users/userAccess.ts` instead, because their rules speak of role names.
 */
export function scope(auth: AuthContext, action: Action, kind: Exclude<RecordKind, 'User'>): Record<string, unknown> {
  markChecked(auth, kind);
  return accessibleBy(auth.ability, action).ofType(kind);
}
