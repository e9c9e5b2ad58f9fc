import { describe, expect, it } from 'vitest';
import { NOBODY, ReportTally, type ReportChat, type ReportMessage } from './reportTally.ts';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const min = (n: number) => T0 + n * 60_000;
const slotOf = (ms: number) => ({ day: new Date(ms).toISOString().slice(0, 10), hour: new Date(ms).getUTCHours() });
const chat = (over: Partial<ReportChat> = {}): ReportChat => ({ sessionId: 'ventas', jid: '34600000001@s.whatsapp.net', isGroup: false, ...over });
const them = (at: number, kind: ReportMessage['kind'] = 'text'): ReportMessage => ({ fromMe: false, timestamp: new Date(at), kind, status: 'delivered' });
const us = (at: number, userId: string | null, over: Partial<ReportMessage> = {}): ReportMessage => ({ fromMe: true, timestamp: new Date(at), userId, kind: 'text', status: 'delivered', ...over });
const tally = (to = min(24 * 60)) => new ReportTally({ from: T0, to }, slotOf);
const near = (v: number | undefined, expected: number) => expect(Math.abs(v! - expected) / expected).toBeLessThan(0.011);

describe('ReportTally', () => {
  it('times a wait from the first customer message after our reply to our next reply, for whoever wrote it', async () => {
    const r = tally();
    await r.walk(chat(), [them(min(0)), them(min(1)), us(min(5), 'ana'), us(min(6), 'ana'), them(min(10)), us(min(12), 'bea')]);
    expect(r.totals).toMatchObject({ received: 3, sent: 3, chats: 1, waits: 2, answered: 2, unanswered: 0 });
    expect(r.people.get('ana')).toMatchObject({ replies: 2, chats: 1, answered: 1 });
    near(r.people.get('ana')!.times.quantile(0.5)!, 5 * 60_000);
    expect(r.people.get('bea')).toMatchObject({ replies: 1, chats: 1, answered: 1 });
    near(r.people.get('bea')!.times.quantile(0.5)!, 2 * 60_000);
    expect(r.sessions.get('ventas')).toMatchObject({ received: 3, sent: 3, answered: 2 });
    expect(r.days.get('2026-12-01')).toEqual({ received: 3, sent: 3 });
    expect(r.hours[9]).toEqual({ received: 3, sent: 3 });
    expect(r.hours.reduce((n, h) => n + h.received + h.sent, 0)).toBe(6);
  });

  it('ignores reactions and sends that never reached WhatsApp; credits the phone to nobody', async () => {
    const r = tally();
    await r.walk(chat(), [
      them(min(0)),
      us(min(1), 'ana', { kind: 'reaction' }),
      us(min(2), 'ana', { status: 'failed' }),
      us(min(3), 'ana', { status: 'pending' }),
      us(min(3), null, { automated: true }),
      them(min(4), 'reaction'),
      us(min(9), null),
    ]);
    expect(r.totals).toMatchObject({ received: 1, sent: 1, waits: 1, answered: 1 });
    expect(r.people.has('ana')).toBe(false);
    near(r.people.get(NOBODY)!.times.quantile(0.5)!, 9 * 60_000);
  });

  it('counts a missed call as the customer writing (a wait begins), and one answered on the phone not at all', async () => {
    const call = (at: number, outcome: 'missed' | 'answered'): ReportMessage => ({ ...them(at, 'call'), call: { video: false, outcome } });
    const r = tally();
    await r.walk(chat(), [call(min(0), 'answered'), call(min(10), 'missed'), us(min(14), 'ana')]);
    expect(r.totals).toMatchObject({ received: 1, sent: 1, waits: 1, answered: 1 });
    near(r.people.get('ana')!.times.quantile(0.5)!, 4 * 60_000);
  });

  it('counts a wait begun in the period and answered after it, but not that reply as sent in it', async () => {
    const r = tally(min(60));
    await r.walk(chat(), [them(min(59)), us(min(70), 'ana'), them(min(80)), us(min(81), 'ana')]);
    expect(r.totals).toMatchObject({ received: 1, sent: 0, waits: 1, answered: 1 });
    expect(r.people.get('ana')).toMatchObject({ replies: 0, chats: 0, answered: 1 });
    near(r.totals.times.quantile(0.5)!, 11 * 60_000);
  });

  it('stops reading once past the period with no wait open', async () => {
    const r = tally(min(60));
    let read = 0;
    function* messages(): Generator<ReportMessage> {
      for (const m of [them(min(1)), us(min(2), 'ana'), us(min(61), 'ana'), them(min(62)), them(min(63))]) {
        read += 1;
        yield m;
      }
    }
    await r.walk(chat(), messages());
    expect(read).toBe(3);
    expect(r.totals).toMatchObject({ received: 1, sent: 1, answered: 1 });
  });

  it('leaves a wait open at the end unanswered, or handled when the chat was marked as needing no reply after it began', async () => {
    const open = tally();
    await open.walk(chat(), [them(min(0)), us(min(1), 'ana'), them(min(30))]);
    expect(open.totals).toMatchObject({ waits: 2, answered: 1, unanswered: 1, handled: 0 });

    const handled = tally();
    await handled.walk(chat({ handledAt: new Date(min(31)) }), [them(min(0)), us(min(1), 'ana'), them(min(30))]);
    expect(handled.totals).toMatchObject({ waits: 2, answered: 1, unanswered: 0, handled: 1 });

    const before = tally();
    await before.walk(chat({ handledAt: new Date(min(29)) }), [them(min(30))]);
    expect(before.totals).toMatchObject({ unanswered: 1, handled: 0 });
  });

  it('counts a group chat\'s messages but no waits', async () => {
    const r = tally();
    await r.walk(chat({ jid: '1203630@g.us', isGroup: true }), [them(min(0)), us(min(3), 'ana'), them(min(4))]);
    expect(r.totals).toMatchObject({ received: 2, sent: 1, chats: 1, waits: 0, answered: 0, unanswered: 0 });
    expect(r.people.get('ana')).toMatchObject({ replies: 1, chats: 1, answered: 0 });
  });

  it('skips messages before the period and counts a chat with none in it as no chat', async () => {
    const r = tally();
    await r.walk(chat(), [them(T0 - 60_000)]);
    expect(r.totals).toMatchObject({ received: 0, chats: 0, waits: 0 });
  });

  it('adds chats across sessions, with each session on its own', async () => {
    const r = tally();
    await r.walk(chat(), [them(min(0)), us(min(4), 'ana')]);
    await r.walk(chat({ sessionId: 'soporte' }), [them(min(0)), us(min(8), 'ana')]);
    expect(r.totals).toMatchObject({ chats: 2, answered: 2 });
    expect(r.people.get('ana')).toMatchObject({ replies: 2, chats: 2, answered: 2 });
    expect(r.sessions.get('ventas')!.answered).toBe(1);
    near(r.sessions.get('soporte')!.times.quantile(0.5)!, 8 * 60_000);
  });
});
