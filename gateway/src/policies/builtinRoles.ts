import { BUILT_IN_ROLE_PERMISSIONS } from '@switchboard/shared';

/** Permissions of the built-in roles (the seed's table in shared, re-exported for gateway code and tests). */
export const BUILT_IN_PERMISSIONS = BUILT_IN_ROLE_PERMISSIONS;
