import type { ClientRule } from '@switchboard/shared';
import type { RoleDoc } from '@switchboard/shared/node';
import type { AppAbility } from '../policies/vocabulary.ts';
import { presentUser } from './users.ts';

/**
 * The caller's CASL rules as clients receive them: the ability's own rules, so `${user.id}`
 * is already the user's id and `{assigned: true}` is already the list of assigned chats.
 */
export function presentRules(rules: AppAbility['rules']): ClientRule[] {
  return rules.map((r) => ({
    action: r.action,
    subject: r.subject ?? 'all',
    ...(r.conditions ? { conditions: r.conditions as Record<string, unknown> } : {}),
    ...(r.fields !== undefined ? { fields: r.fields } : {}),
    ...(r.inverted ? { inverted: true } : {}),
  }));
}

/** `GET /api/auth/me`: the user and what they may do. */
export function presentMe(user: Parameters<typeof presentUser>[0], role: Pick<RoleDoc, '_id' | 'name'> | null, ability: AppAbility) {
  return { ...presentUser(user, role), rules: presentRules(ability.rules) };
}
