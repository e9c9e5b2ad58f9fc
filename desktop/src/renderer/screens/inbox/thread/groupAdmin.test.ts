import type { GroupInfoView, GroupMemberView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { groupPowers, numbersFrom } from './groupAdmin.ts';

const member = (rest: Partial<GroupMemberView>): GroupMemberView => ({ member: '34600000001@s.whatsapp.net', phone: '34600000001', name: null, role: null, isAccount: false, chatId: null, ...rest });
const group = (accountRole: GroupMemberView['role'], infoAdminsOnly: boolean): GroupInfoView => ({
  sessionId: 's',
  chatId: '1@g.us',
  subject: 'Vecinos',
  description: null,
  createdAt: null,
  createdBy: null,
  members: [member({ isAccount: true, role: accountRole }), member({ member: '34611111111@s.whatsapp.net', role: 'superadmin' })],
  infoAdminsOnly,
});

describe('groupPowers', () => {
  it('lets a user who may change the chat manage members only through an admin account', () => {
    expect(groupPowers(group('admin', false), true)).toEqual({ members: true, info: true, membersBlocked: false, infoBlocked: false });
    expect(groupPowers(group(null, false), true)).toEqual({ members: false, info: true, membersBlocked: true, infoBlocked: false });
    expect(groupPowers(group(null, true), true)).toEqual({ members: false, info: false, membersBlocked: true, infoBlocked: true });
    expect(groupPowers(group('superadmin', true), true)).toMatchObject({ members: true, info: true });
  });

  it('gives nothing, and says nothing is blocked, to a user who may not change the chat', () => {
    expect(groupPowers(group('admin', false), false)).toEqual({ members: false, info: false, membersBlocked: false, infoBlocked: false });
  });
});

describe('numbersFrom', () => {
  it('splits on commas, semicolons and lines, dropping blanks and repeats', () => {
    expect(numbersFrom('+34 611 11 11 11, 34622222222\n\n 34633333333 ;34622222222')).toEqual(['+34 611 11 11 11', '34622222222', '34633333333']);
    expect(numbersFrom(' , \n')).toEqual([]);
  });
});
