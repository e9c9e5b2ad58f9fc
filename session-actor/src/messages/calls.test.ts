import { WAMessageStubType, type WACallEvent } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { CallLog, callOf } from './calls.ts';

const ALICE = '34611000001@s.whatsapp.net';
const RANG = new Date('2026-12-07T09:00:00Z');
const event = (status: WACallEvent['status'], extra: Partial<WACallEvent> = {}): WACallEvent => ({ chatId: ALICE, from: ALICE, id: 'CALL1', date: new Date(RANG.getTime() + 30_000), status, offline: false, ...extra });

describe('CallLog', () => {
  it('records a call once it ended, at the time it began ringing, with how it ended', () => {
    const log = new CallLog();
    expect(log.settle(event('offer', { date: RANG, isVideo: true }))).toBeNull();
    expect(log.settle(event('ringing'))).toBeNull();
    const msg = log.settle(event('timeout'));
    expect(msg).toEqual({
      key: { remoteJid: ALICE, id: 'CALL1', fromMe: false },
      messageTimestamp: RANG.getTime() / 1000,
      messageStubType: WAMessageStubType.CALL_MISSED_VIDEO,
      messageStubParameters: ['missed'],
    });
    expect(callOf(msg!)).toEqual({ video: true, outcome: 'missed' });
    // Its later steps add nothing (a hang-up after the answer, a repeated end).
    expect(log.settle(event('terminate'))).toBeNull();
  });

  it('tells answered, declined, hung up and rejected calls apart, and keeps the caller phone number beside a LID', () => {
    const ends = { accept: 'answered', reject: 'declined', terminate: 'missed' } as const;
    for (const [status, outcome] of Object.entries(ends) as [keyof typeof ends, string][]) {
      const log = new CallLog();
      log.settle(event('offer', { date: RANG }));
      expect(callOf(log.settle(event(status))!)).toEqual({ video: false, outcome });
    }
    const log = new CallLog();
    log.settle(event('offer', { from: '123456789@lid', chatId: '123456789@lid', callerPn: ALICE, date: RANG }));
    const rejected = log.settle(event('offer', { from: '123456789@lid' }), 'rejected');
    expect(rejected?.key).toEqual({ remoteJid: '123456789@lid', remoteJidAlt: ALICE, id: 'CALL1', fromMe: false });
    expect(callOf(rejected!)).toEqual({ video: false, outcome: 'rejected' });
  });

  it('records an end whose offer it never saw (it rang before a reconnection), and ignores group calls', () => {
    expect(callOf(new CallLog().settle(event('reject', { isVideo: true }))!)).toEqual({ video: true, outcome: 'declined' });
    const log = new CallLog();
    expect(log.settle(event('offer', { isGroup: true }))).toBeNull();
    expect(log.settle(event('timeout', { isGroup: true }))).toBeNull();
  });
});

describe('callOf', () => {
  it('reads a missed-call stub WhatsApp sent (no outcome) as missed, and nothing else as a call', () => {
    expect(callOf({ messageStubType: WAMessageStubType.CALL_MISSED_VOICE })).toEqual({ video: false, outcome: 'missed' });
    expect(callOf({ messageStubType: WAMessageStubType.CALL_MISSED_VIDEO, messageStubParameters: ['bogus'] })).toEqual({ video: true, outcome: 'missed' });
    expect(callOf({ messageStubType: WAMessageStubType.GROUP_CHANGE_SUBJECT, messageStubParameters: ['missed'] })).toBeNull();
    expect(callOf({})).toBeNull();
  });
});
