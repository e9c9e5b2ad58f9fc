import { subject } from '@casl/ability';
import { BUILT_IN_ROLE_PERMISSIONS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from './defineAbilityFor.ts';

const as = (role: keyof typeof BUILT_IN_ROLE_PERMISSIONS, assignments: Array<{ sessionId: string; chatId: string }> = []) =>
  defineAbilityFor({ id: 'u1' }, { name: role, permissions: BUILT_IN_ROLE_PERMISSIONS[role] }, assignments);

describe('defineAbilityFor', () => {
  it('lets admins do everything', () => {
    const a = as('admin');
    expect(a.can('manage', 'System')).toBe(true);
    expect(a.can('delete', subject('User', { roleName: 'admin' }))).toBe(true);
  });

  it('lets supervisors manage sessions and employees but not admins, roles or the system', () => {
    const a = as('supervisor');
    expect(a.can('create', 'Session')).toBe(true);
    expect(a.can('send', subject('Message', { sessionId: 's', chatId: 'c' }))).toBe(true);
    expect(a.can('update', subject('User', { roleName: 'employee' }))).toBe(true);
    expect(a.can('update', subject('User', { roleName: 'admin' }))).toBe(false);
    expect(a.can('create', 'Role')).toBe(false);
    expect(a.can('read', 'System')).toBe(false);
  });

  it('limits employees to their assigned chats', () => {
    const a = as('employee', [{ sessionId: 's1', chatId: 'c1@s.whatsapp.net' }]);
    expect(a.can('read', subject('Chat', { sessionId: 's1', jid: 'c1@s.whatsapp.net' }))).toBe(true);
    expect(a.can('read', subject('Chat', { sessionId: 's1', jid: 'c2@s.whatsapp.net' }))).toBe(false);
    expect(a.can('read', subject('Chat', { sessionId: 's2', jid: 'c1@s.whatsapp.net' }))).toBe(false);
    expect(a.can('send', subject('Message', { sessionId: 's1', chatId: 'c1@s.whatsapp.net' }))).toBe(true);
    expect(a.can('send', subject('Message', { sessionId: 's1', chatId: 'c2@s.whatsapp.net' }))).toBe(false);
    expect(a.can('read', subject('Session', { sessionId: 's1' }))).toBe(true);
    expect(a.can('read', subject('Session', { sessionId: 's2' }))).toBe(false);
    expect(a.can('read', subject('Assignment', { userId: 'u1' }))).toBe(true);
    expect(a.can('read', subject('Assignment', { userId: 'u2' }))).toBe(false);
    expect(a.can('read', 'User')).toBe(false);
  });

  it('lets employees read shared canned replies and manage only their own; supervisors manage shared ones', () => {
    const emp = as('employee');
    expect(emp.can('read', subject('CannedReply', { ownerId: null }))).toBe(true);
    expect(emp.can('read', subject('CannedReply', { ownerId: 'u1' }))).toBe(true);
    expect(emp.can('read', subject('CannedReply', { ownerId: 'u2' }))).toBe(false);
    for (const action of ['create', 'update', 'delete'] as const) {
      expect(emp.can(action, subject('CannedReply', { ownerId: 'u1' }))).toBe(true);
      expect(emp.can(action, subject('CannedReply', { ownerId: null }))).toBe(false);
      expect(emp.can(action, subject('CannedReply', { ownerId: 'u2' }))).toBe(false);
    }
    const sup = as('supervisor');
    expect(sup.can('create', subject('CannedReply', { ownerId: null }))).toBe(true);
    expect(sup.can('delete', subject('CannedReply', { ownerId: 'u2' }))).toBe(true);
  });

  it('gives an employee without assignments rules that match nothing (empty lists, not 403)', () => {
    const a = as('employee');
    expect(a.can('read', 'Chat')).toBe(true);
    expect(a.can('read', subject('Chat', { sessionId: 's1', jid: 'c1' }))).toBe(false);
  });

  it('builds custom roles from granular permissions and interpolates the user id', () => {
    const a = defineAbilityFor(
      { id: 'u9' },
      {
        name: 'auditor',
        permissions: [
          { action: 'read', subject: 'AuditLog' },
          { action: 'read', subject: 'Assignment', conditions: { userId: '${user.id}' } },
          { action: 'read', subject: 'Session', inverted: true, conditions: { sessionId: 'secret' } },
          { action: 'read', subject: 'Session' },
        ],
      },
      [],
    );
    expect(a.can('read', 'AuditLog')).toBe(true);
    expect(a.can('read', subject('Assignment', { userId: 'u9' }))).toBe(true);
    expect(a.can('read', subject('Assignment', { userId: 'u1' }))).toBe(false);
    expect(a.can('read', subject('Session', { sessionId: 'public' }))).toBe(true);
    expect(a.can('delete', 'AuditLog')).toBe(false);
  });
});
