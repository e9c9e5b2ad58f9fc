import type { Types } from 'mongoose';
import type { Permission, UserLocale } from '@switchboard/shared';
import type { AppAbility } from '../policies/vocabulary.ts';

/** The signed-in user as routes see it. */
export interface AuthUser {
  id: string;
  _id: Types.ObjectId;
  name: string;
  email: string;
  locale: UserLocale;
  roleId: string;
  tokenVersion: number;
  mustChangePassword: boolean;
}

/** The caller of an authenticated request: user, role and the ability built from both. */
export interface AuthContext {
  user: AuthUser;
  role: { id: string; name: string; permissions: Permission[] };
  ability: AppAbility;
}
