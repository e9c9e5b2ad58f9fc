import type { SessionView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { abilityFromRules } from '../../../auth/ability.ts';
import { assignmentOptional, mayStartChats, phoneDigits, sessionsToStartFrom } from './newChat.ts';

const session = (sessionId: string, name: string, status: SessionView['status']) => ({ sessionId, name, status }) as SessionView;

describe('phoneDigits', () => {
  it('keeps the digits of a number however it is written, and refuses what is not a phone number', () => {
    expect(phoneDigits(' +34 612-34 (56).78 ')).toBe('34612345678');
    expect(phoneDigits('12345')).toBeNull();
    expect(phoneDigits('1234567890123456')).toBeNull();
    expect(phoneDigits('34 612 ABC')).toBeNull();
  });
});

describe('sessionsToStartFrom', () => {
  const sessions = [session('b', 'Tienda Norte', 'stopped'), session('c', 'Almacén', 'connected'), session('a', 'Tienda Centro', 'connected')];

  it('offers every session to a user who may start conversations anywhere, connected ones first', () => {
    const supervisor = abilityFromRules([{ action: 'manage', subject: 'Chat' }]);
    expect(sessionsToStartFrom(sessions, supervisor).map((s) => s.sessionId)).toEqual(['c', 'a', 'b']);
    expect(mayStartChats(supervisor)).toBe(true);
    expect(assignmentOptional(supervisor, 'a')).toBe(true);
  });

  it('offers no session to a user who writes only to chats assigned to them, and the allowed ones to a role limited by session', () => {
    const employee = abilityFromRules([
      { action: 'send', subject: 'Message', conditions: { sessionId: 'a', chatId: { $in: ['34600000001@s.whatsapp.net'] } } },
      { action: 'read', subject: 'Chat', conditions: { sessionId: 'a', jid: { $in: ['34600000001@s.whatsapp.net'] } } },
    ]);
    expect(sessionsToStartFrom(sessions, employee)).toEqual([]);
    expect(mayStartChats(employee)).toBe(false);
    const oneLine = abilityFromRules([{ action: 'create', subject: 'Chat', conditions: { sessionId: { $in: ['b'] } } }]);
    expect(sessionsToStartFrom(sessions, oneLine).map((s) => s.sessionId)).toEqual(['b']);
    expect(mayStartChats(oneLine)).toBe(true);
  });

  it('makes the assignment compulsory for a salesperson who reads only the chats assigned to them', () => {
    const sales = abilityFromRules([
      { action: 'create', subject: 'Chat' },
      { action: 'read', subject: 'Chat', conditions: { sessionId: 'a', jid: { $in: ['34600000001@s.whatsapp.net'] } } },
    ]);
    expect(sessionsToStartFrom(sessions, sales).map((s) => s.sessionId)).toEqual(['c', 'a', 'b']);
    expect(mayStartChats(sales)).toBe(true);
    expect(assignmentOptional(sales, 'a')).toBe(false);
  });
});
