/**
 * The audit actions the gateway writes (the `audit:` of its routes), grouped by area for the
 * filter, and their names in words. An unknown code (a newer gateway) is shown as it is.
 */
import { hasMessage, type I18n } from '../../i18n/index.tsx';

/** Known actions by area (area = the part before the dot). */
export const AUDIT_ACTIONS: Record<string, readonly string[]> = {
  auth: ['auth.login', 'auth.login_failed', 'auth.logout', 'auth.change_password', 'auth.forgot_password', 'auth.reset_password', 'auth.update_profile', 'auth.forbidden'],
  user: ['user.create', 'user.update', 'user.delete'],
  admin: ['admin.reset_password'],
  role: ['role.create', 'role.update', 'role.delete'],
  session: ['session.create', 'session.rename', 'session.start', 'session.stop', 'session.relink', 'session.pairing_code', 'session.reset_attempts', 'session.cleanup', 'session.cleanup_inactive', 'session.delete'],
  assignment: ['assignment.create', 'assignment.update', 'assignment.delete'],
  message: ['message.send', 'message.retry'],
  chat: ['chat.read', 'chat.unread', 'chat.handled', 'chat.snooze', 'chat.labels', 'chat.note_create', 'chat.note_delete'],
  media: ['media.upload', 'media.delete'],
  canned_reply: ['canned_reply.create', 'canned_reply.update', 'canned_reply.delete'],
  label: ['label.create', 'label.update', 'label.delete'],
};

/** Target types the gateway records. */
export const AUDIT_TARGET_TYPES = ['User', 'Role', 'Session', 'Assignment', 'Message', 'Chat', 'Media', 'CannedReply', 'Label'] as const;

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
