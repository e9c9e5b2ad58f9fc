import type { Permission } from '@switchboard/shared';

/**
 * "Does one permission set include another?" — the question behind every grant: nobody may
 * give a role, hold a role by their own doing, or act on a user, whose permissions they do not
 * have themselves. Roles are compared as stored (placeholders such as `${user.id}` and the
 * `{assigned: true}` marker unexpanded), so "own canned replies" covers "own canned replies".
 *
 * Conservative by design (a false "not covered" only means an admin must do it):
 * - a target `can` rule is covered by a caller `can` rule for the same or a wider action
 *   (`manage`) and subject (`all`), with no conditions or identical conditions, and no field
 *   limit or a wider one;
 * - every caller `cannot` rule that comes after that rule and may touch the same action and
 *   subject must be repeated in the target (at least as wide, after the target rule), since
 *   it takes away part of what the caller's rule gives;
 * - target `cannot` rules only take away, so they need no cover.
 */

type Rule = Pick<Permission, 'action' | 'subject' | 'conditions' | 'fields' | 'inverted'>;

/** The administrator's permission set: every action on every subject. */
export const EVERYTHING: readonly Permission[] = [{ action: 'manage', subject: 'all' }];

/** JSON with object keys sorted, so conditions compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const hasConditions = (r: Rule): boolean => !!r.conditions && Object.keys(r.conditions).length > 0;
const sameConditions = (a: Rule, b: Rule): boolean => canonical(a.conditions ?? {}) === canonical(b.conditions ?? {});
const actionCovers = (outer: string, inner: string): boolean => outer === 'manage' || outer === inner;
const subjectCovers = (outer: string, inner: string): boolean => outer === 'all' || outer === inner;
const overlaps = (a: string, b: string, wildcard: string): boolean => a === wildcard || b === wildcard || a === b;

/** True when `outer` limits fields no more than `inner` (no list: every field). */
function fieldsCover(outer: readonly string[] | undefined, inner: readonly string[] | undefined): boolean {
  if (!outer?.length) return true;
  return !!inner?.length && inner.every((f) => outer.includes(f));
}

/** True when `rule` (a caller `can`) gives everything `target` (a target `can`) gives, before `cannot` rules. */
function ruleCovers(rule: Rule, target: Rule): boolean {
  return (
    !rule.inverted &&
    actionCovers(rule.action, target.action) &&
    subjectCovers(rule.subject, target.subject) &&
    (!hasConditions(rule) || sameConditions(rule, target)) &&
    fieldsCover(rule.fields, target.fields)
  );
}

/** True when the target repeats the caller's `cannot` rule `denied` (at least as wide) after its rule at `at`. */
function repeated(denied: Rule, target: Rule, targetRules: readonly Rule[], at: number): boolean {
  const action = denied.action === 'manage' ? target.action : denied.action;
  const subjectName = denied.subject === 'all' ? target.subject : denied.subject;
  return targetRules.slice(at + 1).some(
    (j) =>
      !!j.inverted &&
      actionCovers(j.action, action) &&
      subjectCovers(j.subject, subjectName) &&
      (!hasConditions(j) || sameConditions(j, denied)) &&
      // A `cannot` limited to fields takes away only those: the target's must take away at least as many.
      (!j.fields?.length || (!!denied.fields?.length && denied.fields.every((f) => j.fields!.includes(f)))),
  );
}

/** True when the caller's rules give everything the target rule at `at` gives. */
function covered(caller: readonly Rule[], targetRules: readonly Rule[], at: number): boolean {
  const target = targetRules[at]!;
  return caller.some((rule, i) => {
    if (!ruleCovers(rule, target)) return false;
    const later = caller.slice(i + 1).filter((d) => d.inverted && overlaps(d.action, target.action, 'manage') && overlaps(d.subject, target.subject, 'all'));
    return later.every((d) => repeated(d, target, targetRules, at));
  });
}

/** The target's `can` rules the caller's rules do not cover (empty: the caller has every permission of the target). */
export function uncoveredPermissions(caller: readonly Permission[], target: readonly Permission[]): Permission[] {
  return target.filter((p, at) => !p.inverted && !covered(caller, target, at));
}

/** True when `caller` has every permission of `target`. */
export function coversPermissions(caller: readonly Permission[], target: readonly Permission[]): boolean {
  return uncoveredPermissions(caller, target).length === 0;
}

/**
 * True for a permission set that can do everything (whatever its role is called). The system
 * always keeps one active user holding such a role: only they can grant or manage any role.
 */
export function grantsEverything(permissions: readonly Permission[]): boolean {
  return coversPermissions(permissions, EVERYTHING);
}
