import { BUILT_IN_ROLE_PERMISSIONS, type Permission } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { toModel, toPermissions, toggleGrant } from './permissionModel.ts';

const sorted = (perms: Permission[]) => perms.map((p) => JSON.stringify(p)).sort();

describe('the role editor model', () => {
  it("reads the employee's permissions into rows and writes them back unchanged", () => {
    const employee = BUILT_IN_ROLE_PERMISSIONS.employee;
    const m = toModel(employee);
    expect(m.assignedOnly.Chat).toBe(true);
    expect(m.grants.Chat).toEqual(['read']);
    expect(sorted(toPermissions(m))).toEqual(sorted(employee));
  });

  it('never narrows starting conversations to assigned chats: a salesperson role starts new ones', () => {
    const m = toggleGrant(toModel(BUILT_IN_ROLE_PERMISSIONS.employee), 'Chat', 'create', true);
    const perms = toPermissions(m);
    expect(perms).toContainEqual({ action: 'create', subject: 'Chat' });
    expect(perms).toContainEqual({ action: 'read', subject: 'Chat', conditions: { assigned: true } });
    // Read back, it is a cell of the row (not an extra rule), and the row is still "assigned only".
    const again = toModel(perms);
    expect(again.grants.Chat).toEqual(['read', 'create']);
    expect(again.assignedOnly.Chat).toBe(true);
    expect(again.other.filter((p) => p.subject === 'Chat')).toEqual([]);
    expect(sorted(toPermissions(again))).toEqual(sorted(perms));
  });
});
