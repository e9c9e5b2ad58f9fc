/**
 * The audit actions the gateway writes (the `audit:` of its routes), grouped by area for the
 * filter, and the target types it records. Plain data (no React), so the test that keeps them in
 * step with the gateway can read them (tests/integration/gateway/auditLabels.test.ts).
 */

/** Known actions by area (area = the part before the dot). */
export const AUDIT_ACTIONS: Record<string, readonly string[]> = {
  auth: ['auth.login', 'auth.login_failed', 'auth.logout', 'auth.change_password', 'auth.forgot_password', 'auth.reset_password', 'auth.update_profile', 'auth.forbidden'],
  user: ['user.create', 'user.update', 'user.delete'],
  admin: ['admin.reset_password'],
  role: ['role.create', 'role.update', 'role.delete'],
  session: ['session.create', 'session.rename', 'session.business_hours', 'session.start', 'session.stop', 'session.relink', 'session.pairing_code', 'session.reset_attempts', 'session.cleanup', 'session.cleanup_inactive', 'session.delete'],
  assignment: ['assignment.create', 'assignment.update', 'assignment.delete', 'assignment.auto', 'assignment.auto_rule'],
  message: ['message.send', 'message.retry', 'message.edit', 'message.revoke', 'message.forward', 'message.event_change', 'message.event_cancel', 'message.star', 'message.unstar'],
  chat: ['chat.start', 'chat.read', 'chat.unread', 'chat.handled', 'chat.snooze', 'chat.pin', 'chat.unpin', 'chat.rename', 'chat.block', 'chat.group_members', 'chat.group_subject', 'chat.group_description', 'chat.group_settings', 'chat.group_requests', 'chat.group_leave', 'chat.group_create', 'chat.group_join', 'chat.export', 'chat.labels', 'chat.note_create', 'chat.note_delete', 'chat.schedule', 'chat.schedule_edit', 'chat.schedule_send', 'chat.schedule_cancel', 'chat.broadcast', 'chat.broadcast_cancel', 'chat.opt_out'],
  media: ['media.upload', 'media.delete'],
  canned_reply: ['canned_reply.create', 'canned_reply.update', 'canned_reply.attach', 'canned_reply.detach', 'canned_reply.delete'],
  label: ['label.create', 'label.update', 'label.delete'],
  webhook: ['webhook.create', 'webhook.update', 'webhook.delete', 'webhook.ping', 'webhook.redeliver', 'webhook.replay', 'webhook.rotate_secret'],
  api_key: ['api_key.create', 'api_key.revoke'],
};

/** Target types the gateway records. */
export const AUDIT_TARGET_TYPES = ['User', 'Role', 'Session', 'Assignment', 'Message', 'Chat', 'Media', 'CannedReply', 'Label', 'Webhook', 'ApiKey'] as const;
