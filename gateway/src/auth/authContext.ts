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

/**
 * The caller of an authenticated request: user, role and the ability built from both. For a
 * request made with an API key, `user` is the key's creator, `role.permissions` and `ability`
 * are the KEY's permissions (never the creator's), and `apiKey` names the key.
 */
export interface AuthContext {
  user: AuthUser;
  role: { id: string; name: string; permissions: Permission[] };
  ability: AppAbility;
  /** Set when the request was authenticated with an API key (audited as `apiKeyId`). */
  apiKey?: { id: string; name: string };
}
