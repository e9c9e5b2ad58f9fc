import type { GroupInfoView, GroupMemberView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { groupPowers, numbersFrom, replyBlockOf } from './groupAdmin.ts';

const member = (rest: Partial<GroupMemberView>): GroupMemberView => ({ member: '34600000001@s.whatsapp.net', phone: '34600000001', name: null, role: null, isAccount: false, chatId: null, ...rest });
const group = (accountRole: GroupMemberView['role'], infoAdminsOnly: boolean, addAdminsOnly = true): GroupInfoView => ({
  sessionId: 's',
  chatId: '1@g.us',
  subject: 'Vecinos',
  description: null,
  createdAt: null,
  createdBy: null,
  members: [member({ isAccount: true, role: accountRole }), member({ member: '34611111111@s.whatsapp.net', role: 'superadmin' })],
  sendAdminsOnly: false,
  infoAdminsOnly,
  addAdminsOnly,
  approveNewMembers: false,
});

describe('groupPowers', () => {
  it('lets a user who may change the chat manage members only through an admin account', () => {
    expect(groupPowers(group('admin', false), true)).toEqual({ members: true, add: true, info: true, settings: true, membersBlocked: false, infoBlocked: false, settingsBlocked: false });
    expect(groupPowers(group(null, false), true)).toEqual({ members: false, add: false, info: true, settings: false, membersBlocked: true, infoBlocked: false, settingsBlocked: true });
    expect(groupPowers(group(null, true), true)).toEqual({ members: false, add: false, info: false, settings: false, membersBlocked: true, infoBlocked: true, settingsBlocked: true });
    expect(groupPowers(group('superadmin', true), true)).toMatchObject({ members: true, add: true, info: true, settings: true });
  });

  it('lets a plain member account add, and only add, where every member may', () => {
    expect(groupPowers(group(null, false, false), true)).toMatchObject({ members: false, add: true, membersBlocked: false, settings: false });
  });

  it('gives nothing, and says nothing is blocked, to a user who may not change the chat', () => {
    expect(groupPowers(group('admin', false), false)).toEqual({ members: false, add: false, info: false, settings: false, membersBlocked: false, infoBlocked: false, settingsBlocked: false });
    expect(groupPowers(group(null, false, false), false)).toMatchObject({ add: false, membersBlocked: false });
  });
});

describe('replyBlockOf', () => {
  it('blocks replies only where only admins send and the account is not one', () => {
    const g = group(null, false);
    expect(replyBlockOf(g)).toBeNull();
    expect(replyBlockOf({ ...g, sendAdminsOnly: true })).toBe('admins_only');
    expect(replyBlockOf({ ...group('admin', false), sendAdminsOnly: true })).toBeNull();
  });
});

describe('numbersFrom', () => {
  it('splits on commas, semicolons and lines, dropping blanks and repeats', () => {
    expect(numbersFrom('+34 611 11 11 11, 34622222222\n\n 34633333333 ;34622222222')).toEqual(['+34 611 11 11 11', '34622222222', '34633333333']);
    expect(numbersFrom(' , \n')).toEqual([]);
  });
});
