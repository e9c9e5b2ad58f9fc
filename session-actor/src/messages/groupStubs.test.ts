import { WAMessageStubType } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { groupStubOf } from './groupStubs.ts';

const GROUP = '120363000000000001@g.us';
const key = { remoteJid: GROUP, participant: '111@lid', participantAlt: '34611000001@s.whatsapp.net', id: 'N1' };
const member = (id: string, phoneNumber?: string) => JSON.stringify({ id, phoneNumber, admin: null });

describe('group change stubs', () => {
  it('reads who changed whom, with the numbers WhatsApp gives beside LIDs', () => {
    expect(groupStubOf({ key, messageStubType: WAMessageStubType.GROUP_PARTICIPANT_ADD, messageStubParameters: [member('222@lid', '34611000002@s.whatsapp.net'), member('34611000003@s.whatsapp.net')] })).toEqual({
      action: 'add',
      by: { id: '111@lid', phoneNumber: '34611000001@s.whatsapp.net' },
      who: [{ id: '222@lid', phoneNumber: '34611000002@s.whatsapp.net' }, { id: '34611000003@s.whatsapp.net', phoneNumber: null }],
    });
    for (const [type, action] of [
      [WAMessageStubType.GROUP_PARTICIPANT_REMOVE, 'remove'],
      [WAMessageStubType.GROUP_PARTICIPANT_LEAVE, 'leave'],
      [WAMessageStubType.GROUP_PARTICIPANT_PROMOTE, 'promote'],
      [WAMessageStubType.GROUP_PARTICIPANT_DEMOTE, 'demote'],
    ] as const) {
      expect(groupStubOf({ key, messageStubType: type, messageStubParameters: [member('222@lid')] })?.action).toBe(action);
    }
  });

  it('reads a new subject, description or a created group, and nothing from other stubs or chats', () => {
    expect(groupStubOf({ key, messageStubType: WAMessageStubType.GROUP_CHANGE_SUBJECT, messageStubParameters: ['Reparto'] })).toMatchObject({ action: 'subject', who: [], value: 'Reparto' });
    expect(groupStubOf({ key, messageStubType: WAMessageStubType.GROUP_CHANGE_DESCRIPTION, messageStubParameters: ['De 9 a 14'] })).toMatchObject({ action: 'description', value: 'De 9 a 14' });
    expect(groupStubOf({ key, messageStubType: WAMessageStubType.GROUP_CREATE, messageStubParameters: ['Equipo'] })).toMatchObject({ action: 'create', value: 'Equipo' });
    expect(groupStubOf({ key, messageStubType: WAMessageStubType.GROUP_CHANGE_ICON })).toBeNull();
    expect(groupStubOf({ key: { ...key, remoteJid: '34611000001@s.whatsapp.net' }, messageStubType: WAMessageStubType.GROUP_PARTICIPANT_ADD })).toBeNull();
    expect(groupStubOf({ key })).toBeNull();
  });

  it('reads a setting turned on or off, the add mode by its name', () => {
    const read = (type: number, param: string) => groupStubOf({ key, messageStubType: type, messageStubParameters: [param] });
    expect(read(WAMessageStubType.GROUP_CHANGE_ANNOUNCE, 'on')).toEqual({ action: 'send_admins_only', by: { id: '111@lid', phoneNumber: '34611000001@s.whatsapp.net' }, who: [], value: 'on' });
    expect(read(WAMessageStubType.GROUP_CHANGE_ANNOUNCE, 'off')).toMatchObject({ action: 'send_admins_only', value: 'off' });
    expect(read(WAMessageStubType.GROUP_CHANGE_RESTRICT, 'on')).toMatchObject({ action: 'info_admins_only', value: 'on' });
    expect(read(WAMessageStubType.GROUP_MEMBER_ADD_MODE, 'admin_add')).toMatchObject({ action: 'add_admins_only', value: 'on' });
    expect(read(WAMessageStubType.GROUP_MEMBER_ADD_MODE, 'all_member_add')).toMatchObject({ action: 'add_admins_only', value: 'off' });
    expect(read(WAMessageStubType.GROUP_MEMBERSHIP_JOIN_APPROVAL_MODE, 'off')).toMatchObject({ action: 'approve_new_members', value: 'off' });
  });

  it('reads a request to join, taken back or turned down, naming who asked', () => {
    const request = (who: object, how: string) => groupStubOf({ key, messageStubType: WAMessageStubType.GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST_NON_ADMIN_ADD, messageStubParameters: [JSON.stringify(who), how, 'invite_link'] });
    expect(request({ lid: '333@lid', pn: '34611000003@s.whatsapp.net' }, 'created')).toEqual({
      action: 'join_request',
      by: { id: '333@lid', phoneNumber: '34611000003@s.whatsapp.net' },
      who: [{ id: '333@lid', phoneNumber: '34611000003@s.whatsapp.net' }],
      value: 'created',
    });
    // Turned down by an admin: the notification's author.
    expect(request({ lid: '34611000003@s.whatsapp.net' }, 'rejected')).toMatchObject({ by: { id: '111@lid' }, who: [{ id: '34611000003@s.whatsapp.net', phoneNumber: null }], value: 'rejected' });
    expect(request({ lid: '333@lid' }, 'revoked')).toMatchObject({ value: 'revoked' });
    expect(request({}, 'created')).toBeNull();
    expect(request({ lid: '333@lid' }, 'approved')).toBeNull();
    expect(groupStubOf({ key, messageStubType: WAMessageStubType.GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST_NON_ADMIN_ADD, messageStubParameters: ['not json'] })).toBeNull();
  });
});
