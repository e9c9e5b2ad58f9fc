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

/** One CASL rule of the caller (placeholders and `{assigned: true}` already expanded). */
export const clientRuleSchema = z
  .object({
    action: z.union([z.string(), z.array(z.string())]),
    subject: z.union([z.string(), z.array(z.string())]),
    conditions: z.record(z.string(), z.unknown()).optional(),
    fields: z.union([z.string(), z.array(z.string())]).optional(),
    inverted: z.boolean().optional(),
  })
  .openapi('ClientRule');

/** GET /api/auth/me: the user plus their rules, so clients can hide what the user may not do. */
export const meSchema = userSchema.extend({ rules: z.array(clientRuleSchema) }).openapi('Me');

/** PUT /api/auth/me: a user's own name and language. */
export const updateMeBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    locale: z.enum(USER_LOCALES).optional(),
  })
  .openapi('UpdateMeRequest');
