import type { ForcedSubject, MongoAbility } from '@casl/ability';
import type { PermissionAction, PermissionSubject } from '@switchboard/shared';

/** CASL actions (the Role permission vocabulary from shared). */
export type Action = PermissionAction;

/** CASL subject types (the Role permission vocabulary from shared). */
export type Subject = PermissionSubject;

/** The ability every route and the realtime layer check against. */
export type AppAbility = MongoAbility<[Action, Subject | ForcedSubject<Exclude<Subject, 'all'>>]>;

/**
 * Marker condition on a Role permission meaning "only chats assigned to this user". It is
 * expanded per subject from the user's assignments (see defineAbilityFor).
 */
export const ASSIGNED_ONLY = { assigned: true } as const;

/** Placeholder replaced by the user's id inside permission conditions (defined once in shared). */
export { USER_ID_PLACEHOLDER } from '@switchboard/shared';
