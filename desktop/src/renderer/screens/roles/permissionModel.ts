/**
 * A role's permissions as the editor shows them, and back: a matrix of plain grants (action ×
 * subject), an "only assigned chats" flag per row, the "cannot" rules, and any other rule the
 * matrix cannot show (fields, other conditions), kept as it is so saving never loses a rule.
 */
import { PERMISSION_ACTIONS, PERMISSION_SUBJECTS, type Permission, type PermissionAction, type PermissionSubject } from '@switchboard/shared';

/** Subjects the gateway can narrow to "only chats assigned to the user" (`{assigned: true}`). */
export const ASSIGNABLE_SUBJECTS: readonly PermissionSubject[] = ['Session', 'Chat', 'Message', 'Media', 'Assignment'];

/**
 * Cells "only assigned chats" never narrows: starting a conversation (`create` on Conversaciones)
 * is about chats nobody is assigned yet (the gateway assigns the one started to its starter).
 */
export function neverNarrowed(subject: PermissionSubject, action: PermissionAction): boolean {
  return subject === 'Chat' && action === 'create';
}

/** The most rules a role may hold (the gateway's limit). */
export const MAX_RULES = 100;

/** The editor's view of a role's permissions. */
export interface PermissionModel {
  /** Granted actions per subject (plain rules, or assigned-only ones on a flagged row). */
  grants: Partial<Record<PermissionSubject, PermissionAction[]>>;
  /** Rows limited to the user's assigned chats. */
  assignedOnly: Partial<Record<PermissionSubject, boolean>>;
  /** "Cannot" (inverted) rules. */
  cannot: Permission[];
  /** Allow rules the matrix cannot represent, kept verbatim. */
  other: Permission[];
}

/** An empty model. */
export const emptyModel = (): PermissionModel => ({ grants: {}, assignedOnly: {}, cannot: [], other: [] });

/** True for exactly `{assigned: true}`. */
export function isAssignedCondition(c: Permission['conditions']): boolean {
  return !!c && c.assigned === true && Object.keys(c).length === 1;
}

const hasConditions = (p: Permission) => !!p.conditions && Object.keys(p.conditions).length > 0;

/** Reads a role's stored permissions into the editor's model. */
export function toModel(perms: readonly Permission[]): PermissionModel {
  const m = emptyModel();
  const plain = new Map<PermissionSubject, Permission[]>();
  const assigned = new Map<PermissionSubject, Permission[]>();
  for (const p of perms) {
    if (p.inverted) m.cannot.push(p);
    else if (p.fields?.length) m.other.push(p);
    else if (!hasConditions(p)) plain.set(p.subject, [...(plain.get(p.subject) ?? []), p]);
    else if (isAssignedCondition(p.conditions) && ASSIGNABLE_SUBJECTS.includes(p.subject)) assigned.set(p.subject, [...(assigned.get(p.subject) ?? []), p]);
    else m.other.push(p);
  }
  for (const s of PERMISSION_SUBJECTS) {
    const narrow = assigned.get(s) ?? [];
    const wide = plain.get(s) ?? [];
    // A row is either "assigned only" or not: when both kinds exist, the plain ones stay as extra rules.
    const rows = narrow.length ? [...narrow, ...wide.filter((p) => neverNarrowed(s, p.action))] : wide;
    if (narrow.length) {
      m.assignedOnly[s] = true;
      m.other.push(...wide.filter((p) => !neverNarrowed(s, p.action)));
    }
    if (rows.length) m.grants[s] = PERMISSION_ACTIONS.filter((a) => rows.some((p) => p.action === a));
  }
  return m;
}

/** Writes the model back as the permissions the API stores (matrix in a stable order, then extras, then "cannot"). */
export function toPermissions(m: PermissionModel): Permission[] {
  const out: Permission[] = [];
  for (const subject of PERMISSION_SUBJECTS) {
    const narrow = !!m.assignedOnly[subject] && ASSIGNABLE_SUBJECTS.includes(subject);
    for (const action of PERMISSION_ACTIONS) {
      if (!m.grants[subject]?.includes(action)) continue;
      out.push(narrow && !neverNarrowed(subject, action) ? { action, subject, conditions: { assigned: true } } : { action, subject });
    }
  }
  return [...out, ...m.other, ...m.cannot];
}

/** Grants or removes one cell. */
export function toggleGrant(m: PermissionModel, subject: PermissionSubject, action: PermissionAction, on: boolean): PermissionModel {
  const current = m.grants[subject] ?? [];
  const next = on ? PERMISSION_ACTIONS.filter((a) => a === action || current.includes(a)) : current.filter((a) => a !== action);
  return { ...m, grants: { ...m.grants, [subject]: next } };
}

/** Why a cell is granted without its own rule: "manage" on the row, or the action (or manage) on "all". */
export function impliedBy(m: PermissionModel, subject: PermissionSubject, action: PermissionAction): 'manage' | 'all' | null {
  if (action !== 'manage' && m.grants[subject]?.includes('manage')) return 'manage';
  if (subject !== 'all' && (m.grants.all?.includes(action) || m.grants.all?.includes('manage'))) return 'all';
  return null;
}

/** True when a rule with these parts is already in the list. */
export function sameRule(a: Permission, b: Permission): boolean {
  return a.action === b.action && a.subject === b.subject && !!a.inverted === !!b.inverted && JSON.stringify(a.conditions ?? null) === JSON.stringify(b.conditions ?? null) && JSON.stringify(a.fields ?? null) === JSON.stringify(b.fields ?? null);
}
