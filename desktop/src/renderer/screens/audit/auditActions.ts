/**
 * The audit actions the gateway writes (the `audit:` of its routes), grouped by area for the
 * filter, and their names in words. An unknown code (a newer gateway) is shown as it is.
 */
import { hasMessage, type I18n } from '../../i18n/index.tsx';

export { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './auditCodes.ts';

/** An action code in words (`user.create` → "Creó un usuario"), or the code itself. */
export function auditActionLabel(t: I18n['t'], code: string): string {
  const key = `audit.action.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** An area in words (`session` → "Sesiones"), or the area code. */
export function auditAreaLabel(t: I18n['t'], area: string): string {
  const key = `audit.area.${area}`;
  return hasMessage(key) ? t(key) : area;
}

/** A target type in words, or the type itself. */
export function auditTargetLabel(t: I18n['t'], type: string): string {
  const key = `audit.target.${type}`;
  return hasMessage(key) ? t(key) : type;
}
