import { describe, expect, it } from 'vitest';
import { groupEventWording, type GroupEvent } from './groupEvents.ts';

const carla = { jid: '34611000001@s.whatsapp.net', name: 'Carla' };
const eva = { jid: '34611000002@s.whatsapp.net', name: 'Eva' };
const event = (e: Partial<GroupEvent>): GroupEvent => ({ action: 'add', by: carla, who: [eva], ...e });

describe('groupEventWording', () => {
  it('tells someone added by nobody, or by themselves, as joining', () => {
    expect(groupEventWording(event({}))).toBe('add');
    expect(groupEventWording(event({ by: null }))).toBe('join');
    expect(groupEventWording(event({ by: eva }))).toBe('join');
  });

  it('tells a setting turned off, and a request taken back or turned down, by their own sentences', () => {
    expect(groupEventWording(event({ action: 'send_admins_only', who: [], value: 'on' }))).toBe('send_admins_only');
    expect(groupEventWording(event({ action: 'send_admins_only', who: [], value: 'off' }))).toBe('send_admins_only_off');
    expect(groupEventWording(event({ action: 'approve_new_members', who: [], value: 'off' }))).toBe('approve_new_members_off');
    expect(groupEventWording(event({ action: 'join_request', by: eva, value: 'created' }))).toBe('join_request');
    expect(groupEventWording(event({ action: 'join_request', by: eva, value: 'revoked' }))).toBe('join_request_revoked');
    expect(groupEventWording(event({ action: 'join_request', value: 'rejected' }))).toBe('join_request_rejected');
  });
});
