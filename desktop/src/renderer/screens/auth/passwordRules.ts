/** The password rules the forms check before asking the server (the server checks again). */
import type { MessageKey } from '../../i18n/index.tsx';

/** The first problem with a new password and its confirmation, or null. */
export function newPasswordProblem(password: string, confirm: string, current?: string): MessageKey | null {
  if (password.length < 8) return 'password.tooShort';
  if (current !== undefined && password === current) return 'password.sameAsCurrent';
  if (password !== confirm) return 'password.mismatch';
  return null;
}
