/**
 * What an API key may do, in the words of the person creating it: a few capabilities ("send
 * messages", "read conversations"…) over every session or a chosen few. Turns that choice into
 * the CASL permissions the gateway stores (one rule per session, since a `$in` condition is not
 * portable to the embedded database), and reads stored permissions back into the same words.
 */
import type { Permission } from '@switchboard/shared';

/** Capabilities offered when creating a key. */
export const CAPABILITIES = ['send', 'read', 'sessions', 'assignments'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** The permissions each capability grants (before the session restriction). */
const GRANTS: Record<Capability, readonly Pick<Permission, 'action' | 'subject'>[]> = {
  // Sending needs to see the session's state and to upload files it sends by mediaId.
  send: [
    { action: 'send', subject: 'Message' },
    { action: 'create', subject: 'Media' },
    { action: 'read', subject: 'Session' },
  ],
  read: [
    { action: 'read', subject: 'Session' },
    { action: 'read', subject: 'Chat' },
    { action: 'read', subject: 'Message' },
    { action: 'read', subject: 'Media' },
  ],
  sessions: [{ action: 'manage', subject: 'Session' }],
  assignments: [{ action: 'manage', subject: 'Assignment' }],
};

/** The most sessions one key may name (each adds a rule per permission; the gateway accepts 50). */
export const MAX_SCOPED_SESSIONS = 8;

/** A key's scope: capabilities over all sessions (`sessions` empty) or over the listed ones. */
export interface KeyScope {
  capabilities: Capability[];
  sessions: string[];
}

const same = (a: Pick<Permission, 'action' | 'subject'>, b: Pick<Permission, 'action' | 'subject'>) => a.action === b.action && a.subject === b.subject;

/** The permissions of a scope, without duplicates (send and read both grant "read Session"). */
export function permissionsOf(scope: KeyScope): Permission[] {
  const base: Pick<Permission, 'action' | 'subject'>[] = [];
  for (const c of scope.capabilities) for (const g of GRANTS[c]) if (!base.some((b) => same(b, g))) base.push(g);
  // "manage Session" already covers "read Session".
  const kept = base.filter((p) => !(p.action === 'read' && base.some((o) => o.action === 'manage' && o.subject === p.subject)));
  if (scope.sessions.length === 0) return kept.map((p) => ({ action: p.action, subject: p.subject }));
  return scope.sessions.flatMap((sessionId) => kept.map((p) => ({ action: p.action, subject: p.subject, conditions: { sessionId } })));
}

/** How stored permissions read: the capabilities they fully grant, the sessions they are limited to, and any rule that fits no capability. */
export interface ScopeSummary {
  capabilities: Capability[];
  /** Empty: every session. */
  sessions: string[];
  /** Rules outside the capabilities (made through the API), shown as they are. */
  other: Permission[];
}

/** The session a rule is limited to, `null` for none, `undefined` for a condition we do not describe. */
function sessionOf(p: Permission): string | null | undefined {
  if (!p.conditions) return null;
  const keys = Object.keys(p.conditions);
  const sid = p.conditions.sessionId;
  return keys.length === 1 && typeof sid === 'string' ? sid : undefined;
}

/** Reads permissions back into capabilities (as `permissionsOf` writes them). */
export function summarize(perms: readonly Permission[]): ScopeSummary {
  const sessions = [...new Set(perms.map(sessionOf).filter((s): s is string => typeof s === 'string'))].sort();
  const scopes: (string | null)[] = sessions.length ? sessions : [null];
  const grants = (g: Pick<Permission, 'action' | 'subject'>, sid: string | null) =>
    perms.some((p) => !p.inverted && sessionOf(p) === sid && p.subject === g.subject && (p.action === g.action || p.action === 'manage'));
  const capabilities = CAPABILITIES.filter((c) => scopes.every((sid) => GRANTS[c].every((g) => grants(g, sid))));
  const covered = (p: Permission) =>
    !p.inverted && sessionOf(p) !== undefined && capabilities.some((c) => GRANTS[c].some((g) => g.subject === p.subject && (g.action === p.action || g.action === 'manage')));
  return { capabilities, sessions, other: perms.filter((p) => !covered(p)) };
}
