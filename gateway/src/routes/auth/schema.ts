import { USER_LOCALES } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { emailSchema, passwordSchema } from '../common.ts';

/** A user as returned by the API. */
export const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.object({ id: z.string(), name: z.string().nullable() }),
    locale: z.enum(USER_LOCALES),
    active: z.boolean(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

/** POST /api/auth/login */
export const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(256) }).openapi('LoginRequest');

/** Answer of login and change-password. */
export const tokenResponse = z.object({ token: z.string(), user: userSchema }).openapi('TokenResponse');

/** POST /api/auth/forgot-password */
export const forgotBody = z.object({ email: emailSchema }).openapi('ForgotPasswordRequest');

/** POST /api/auth/reset-password */
export const resetBody = z.object({ token: z.string().min(10).max(200), password: passwordSchema }).openapi('ResetPasswordRequest');

/** POST /api/auth/change-password */
export const changeBody = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema })
  .openapi('ChangePasswordRequest');
