/**
 * The signed-in user's abilities in the browser: the same CASL rules the gateway enforces
 * (sent by `GET /api/auth/me`), used only to hide what the user may not do. The gateway still
 * checks every request.
 */
import { createMongoAbility, subject as caslSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import type { ClientRule, PermissionAction, PermissionSubject } from '@switchboard/shared';

/** The client-side ability. */
export type ClientAbility = MongoAbility<[PermissionAction, PermissionSubject | ReturnType<typeof caslSubject>]>;

/** Builds the ability from the rules of `/api/auth/me`. */
export function abilityFromRules(rules: readonly ClientRule[]): ClientAbility {
  return createMongoAbility(rules as RawRuleOf<ClientAbility>[]) as ClientAbility;
}

/** A record-level subject, e.g. `on('Session', { sessionId })`. */
export function on(type: Exclude<PermissionSubject, 'all'>, fields: Record<string, unknown>) {
  return caslSubject(type, { ...fields });
}

/** Whether the user reads every chat (an unconditional rule): supervisors' views of the whole team. */
export function seesEveryChat(ability: ClientAbility): boolean {
  return ability.rulesFor('read', 'Chat').some((r) => !r.inverted && !r.conditions);
}
