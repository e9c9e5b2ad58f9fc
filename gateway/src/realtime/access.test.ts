import type { HubEvent } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PERMISSIONS } from '../policies/builtinRoles.ts';
import { defineAbilityFor } from '../policies/defineAbilityFor.ts';
import { canSeeEvent, initialRooms } from './access.ts';
import { Subscriptions } from './subscriptions.ts';
import type { RealtimeUser } from './types.ts';

function userOf(role: 'admin' | 'supervisor' | 'employee', assignments: RealtimeUser['assignments'] = []): RealtimeUser {
  const ability = defineAbilityFor({ id: `u-${role}` }, { name: role, permissions: BUILT_IN_PERMISSIONS[role] }, assignments);
  return { userId: `u-${role}`, ability, assignments };
}

const at = { seq: 1, at: 1 };
const msg = (sessionId: string, chatId: string): HubEvent => ({
  ...at,
  sessionId,
  type: 'message',
  message: { id: 'm', sessionId, chatId, fromMe: false, kind: 'text', status: 'delivered', timestamp: 1 },
});

describe('realtime access (same CASL abilities as REST)', () => {
  it('lets admins and supervisors join every session, all its chats and who has them', () => {
    for (const role of ['admin', 'supervisor'] as const) {
      expect(initialRooms(userOf(role), ['s1', 's2']).sort()).toEqual(
        ['assignments:s1', 'assignments:s2', 'chats:s1', 'chats:s2', 'labels', 'session:s1', 'session:s2', 'users'].sort(),
      );
    }
  });

  it('lets an employee join only assigned chats (plus the state of those sessions)', () => {
    const emp = userOf('employee', [{ sessionId: 's1', chatId: 'a@s.whatsapp.net' }]);
    expect(initialRooms(emp, ['s1', 's2']).sort()).toEqual(['chat:s1:a@s.whatsapp.net', 'labels', 'session:s1']);
    expect(canSeeEvent(emp, msg('s1', 'a@s.whatsapp.net'))).toBe(true);
    expect(canSeeEvent(emp, msg('s1', 'b@s.whatsapp.net'))).toBe(false);
    expect(canSeeEvent(emp, msg('s2', 'a@s.whatsapp.net'))).toBe(false);
    expect(canSeeEvent(emp, { ...at, sessionId: 's1', type: 'connection-state', status: 'connected' })).toBe(true);
  });

  it('keeps QR and pairing codes to operators', () => {
    const emp = userOf('employee', [{ sessionId: 's1', chatId: 'a' }]);
    const qr: HubEvent = { ...at, sessionId: 's1', type: 'qr', qr: 'x' };
    expect(canSeeEvent(emp, qr)).toBe(false);
    expect(canSeeEvent(userOf('supervisor'), qr)).toBe(true);
  });

  it('gives an unassigned employee nothing of any session (only the team labels)', () => {
    const emp = userOf('employee');
    expect(initialRooms(emp, ['s1'])).toEqual(['labels']);
    expect(canSeeEvent(emp, msg('s1', 'a'))).toBe(false);
  });
});

describe('Subscriptions', () => {
  it('narrows to what the client asks and never beyond what the user may see', () => {
    const admin = userOf('admin');
    const subs = new Subscriptions();
    subs.unsubscribeSession('s2');
    expect([...subs.rooms(admin, ['s1', 's2'])].sort()).toEqual(['assignments:s1', 'chats:s1', 'labels', 'session:s1', 'users']);
    subs.subscribeChat('s2', 'x');
    expect(subs.rooms(admin, ['s1', 's2']).has('chat:s2:x')).toBe(true);
    subs.unsubscribeChat('s1', 'y');
    expect(subs.isMuted('s1', 'y')).toBe(true);
    subs.subscribeSession('s1');
    expect(subs.isMuted('s1', 'y')).toBe(false);

    const emp = userOf('employee', [{ sessionId: 's1', chatId: 'a' }]);
    const empSubs = new Subscriptions();
    empSubs.subscribeChat('s1', 'not-assigned');
    expect([...empSubs.rooms(emp, ['s1'])].sort()).toEqual(['chat:s1:a', 'labels', 'session:s1']);
    empSubs.unsubscribeChat('s1', 'a');
    expect([...empSubs.rooms(emp, ['s1'])].sort()).toEqual(['labels', 'session:s1']);
  });
});
