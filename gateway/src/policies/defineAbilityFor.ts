import { createMongoAbility, type RawRuleOf } from '@casl/ability';
import type { Permission } from '@switchboard/shared';
import { type AppAbility, USER_ID_PLACEHOLDER } from './vocabulary.ts';

/** The parts of a user the ability needs. */
export interface AbilityUser {
  id: string;
}

/** The parts of a role the ability needs. */
export interface AbilityRole {
  name: string;
  permissions: readonly Permission[];
}

/** One chat assignment of the user. */
export interface AbilityAssignment {
  sessionId: string;
  chatId: string;
}

type Rule = RawRuleOf<AppAbility>;

/** True for the `{ assigned: true }` marker condition. */
function isAssignedOnly(conditions: Record<string, unknown> | undefined): boolean {
  return !!conditions && conditions.assigned === true && Object.keys(conditions).length === 1;
}

/** Replaces the `${user.id}` placeholder in condition values (one level of nesting is enough). */
function interpolate(value: unknown, userId: string): unknown {
  if (value === USER_ID_PLACEHOLDER) return userId;
  if (Array.isArray(value)) return value.map((v) => interpolate(v, userId));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, userId)]));
  }
  return value;
}

/** Groups assigned chat ids by session. */
function bySession(assignments: readonly AbilityAssignment[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const a of assignments) {
    const list = map.get(a.sessionId) ?? [];
    list.push(a.chatId);
    map.set(a.sessionId, list);
  }
  return map;
}

/**
 * Expands an "assigned chats only" permission into concrete conditions. With no assignments
 * the rule still exists but matches nothing, so lists come back empty instead of 403.
 */
function expandAssigned(p: Permission, userId: string, assignments: readonly AbilityAssignment[]): Rule[] {
  const base = { action: p.action, inverted: p.inverted, ...(p.fields ? { fields: p.fields } : {}) };
  const sessions = bySession(assignments);
  const none = [{ ...base, subject: p.subject, conditions: { sessionId: { $in: [] as string[] } } }];
  switch (p.subject) {
    case 'Session':
      return [{ ...base, subject: 'Session', conditions: { sessionId: { $in: [...sessions.keys()] } } }];
    case 'Assignment':
      return [{ ...base, subject: 'Assignment', conditions: { userId } }];
    case 'Chat':
    case 'Message':
    case 'Media': {
      if (sessions.size === 0) return none;
      const field = p.subject === 'Chat' ? 'jid' : 'chatId';
      return [...sessions].map(([sessionId, chats]) => ({
        ...base,
        subject: p.subject,
        conditions: { sessionId, [field]: { $in: chats } },
      }));
    }
    default:
      return [];
  }
}

/**
 * Builds the CASL ability of a user from their Role's permissions and, for rules marked
 * `{ assigned: true }`, from their chat assignments. Used by every REST route and by the
 * realtime layer for Socket.IO room checks. Subjects checked against instances must be plain
 * objects with string ids (e.g. `subject('Chat', { sessionId, jid })`).
 */
export function defineAbilityFor(
  user: AbilityUser,
  role: AbilityRole,
  assignments: readonly AbilityAssignment[],
): AppAbility {
  const rules: Rule[] = [];
  for (const p of role.permissions) {
    if (isAssignedOnly(p.conditions)) {
      rules.push(...expandAssigned(p, user.id, assignments));
      continue;
    }
    const rule: Rule = { action: p.action, subject: p.subject, inverted: p.inverted };
    if (p.conditions) rule.conditions = interpolate(p.conditions, user.id) as Record<string, unknown>;
    if (p.fields) rule.fields = p.fields;
    rules.push(rule);
  }
  return createMongoAbility<AppAbility>(rules);
}
