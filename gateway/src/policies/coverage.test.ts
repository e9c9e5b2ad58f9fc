import { BUILT_IN_ROLE_PERMISSIONS, type Permission } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { coversPermissions, grantsEverything, uncoveredPermissions } from './coverage.ts';

const { admin, supervisor, employee } = BUILT_IN_ROLE_PERMISSIONS;

describe('permission coverage (never grant more than you have)', () => {
  it('lets admins cover every role, supervisors cover employees and supervisors, employees only themselves', () => {
    expect(coversPermissions(admin, supervisor)).toBe(true);
    expect(coversPermissions(admin, employee)).toBe(true);
    expect(coversPermissions(supervisor, employee)).toBe(true);
    expect(coversPermissions(supervisor, supervisor)).toBe(true);
    expect(coversPermissions(employee, employee)).toBe(true);
    expect(coversPermissions(supervisor, admin)).toBe(false);
    expect(coversPermissions(employee, supervisor)).toBe(false);
  });

  it('does not let a supervisor grant a custom role that can do everything, or manage users without their own limit', () => {
    expect(uncoveredPermissions(supervisor, [{ action: 'manage', subject: 'all' }])).toEqual([{ action: 'manage', subject: 'all' }]);
    // Supervisors cannot touch admins: a role managing every user (admins included) exceeds them.
    expect(coversPermissions(supervisor, [{ action: 'manage', subject: 'User' }])).toBe(false);
    expect(coversPermissions(supervisor, [{ action: 'update', subject: 'User' }])).toBe(false);
    expect(coversPermissions(supervisor, [{ action: 'update', subject: 'User' }, { action: 'manage', subject: 'User', inverted: true, conditions: { roleName: 'admin' } }])).toBe(true);
    // ...and the limit must come after what it limits, or it limits nothing.
    expect(coversPermissions(supervisor, [{ action: 'manage', subject: 'User', inverted: true, conditions: { roleName: 'admin' } }, { action: 'update', subject: 'User' }])).toBe(false);
    expect(coversPermissions(supervisor, [{ action: 'manage', subject: 'Role' }])).toBe(false);
    expect(coversPermissions(supervisor, [{ action: 'read', subject: 'Role' }, { action: 'send', subject: 'Message' }])).toBe(true);
  });

  it('covers a conditioned rule only with an unconditioned or identical one (key order aside)', () => {
    const caller: Permission[] = [{ action: 'read', subject: 'Session', conditions: { sessionId: 'a', active: true } }];
    expect(coversPermissions(caller, [{ action: 'read', subject: 'Session', conditions: { active: true, sessionId: 'a' } }])).toBe(true);
    expect(coversPermissions(caller, [{ action: 'read', subject: 'Session', conditions: { sessionId: 'b', active: true } }])).toBe(false);
    expect(coversPermissions(caller, [{ action: 'read', subject: 'Session' }])).toBe(false);
    expect(coversPermissions([{ action: 'read', subject: 'Session' }], caller)).toBe(true);
  });

  it('compares actions (manage is every action) and subjects (all is every subject)', () => {
    expect(coversPermissions([{ action: 'manage', subject: 'Chat' }], [{ action: 'assign', subject: 'Chat' }])).toBe(true);
    expect(coversPermissions([{ action: 'update', subject: 'Chat' }], [{ action: 'manage', subject: 'Chat' }])).toBe(false);
    expect(coversPermissions([{ action: 'read', subject: 'all' }], [{ action: 'read', subject: 'AuditLog' }])).toBe(true);
    expect(coversPermissions([{ action: 'read', subject: 'AuditLog' }], [{ action: 'read', subject: 'all' }])).toBe(false);
  });

  it('treats field limits: a wider or absent list covers a narrower one', () => {
    expect(coversPermissions([{ action: 'update', subject: 'User' }], [{ action: 'update', subject: 'User', fields: ['name'] }])).toBe(true);
    expect(coversPermissions([{ action: 'update', subject: 'User', fields: ['name', 'locale'] }], [{ action: 'update', subject: 'User', fields: ['name'] }])).toBe(true);
    expect(coversPermissions([{ action: 'update', subject: 'User', fields: ['name'] }], [{ action: 'update', subject: 'User' }])).toBe(false);
  });

  it('needs no cover for cannot rules and reads the marker conditions as written', () => {
    expect(coversPermissions([], [{ action: 'delete', subject: 'Session', inverted: true }])).toBe(true);
    expect(coversPermissions(employee, [{ action: 'read', subject: 'Chat', conditions: { assigned: true } }])).toBe(true);
    expect(coversPermissions(employee, [{ action: 'update', subject: 'CannedReply', conditions: { ownerId: '${user.id}' } }])).toBe(true);
    expect(coversPermissions(employee, [{ action: 'update', subject: 'CannedReply', conditions: { ownerId: null } }])).toBe(false);
  });

  it('calls a permission set "everything" by what it can do, not by its name', () => {
    expect(grantsEverything(admin)).toBe(true);
    expect(grantsEverything([{ action: 'read', subject: 'Session' }, { action: 'manage', subject: 'all' }])).toBe(true);
    expect(grantsEverything([{ action: 'manage', subject: 'all' }, { action: 'delete', subject: 'User', inverted: true }])).toBe(false);
    expect(grantsEverything(supervisor)).toBe(false);
    expect(grantsEverything([])).toBe(false);
  });
});
