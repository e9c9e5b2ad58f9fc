/**
 * The team's report (*Informes*) over real HTTP and the real database: messages each way, waits
 * and response times by person, session and day in the caller's time zone, only over the chats
 * the caller may read; the period checked.
 */
import { randomBytes } from 'node:crypto';
import type { MessageKind, MessageStatus } from '@switchboard/shared';
import { Assignment, Chat, Message, Role, Session, User } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../gateway/src/auth/passwords.ts';
import { openGateway, type GatewayWorld } from './support/harness.ts';

// Midnight of 1 December 2026 in Madrid (23:00 UTC the day before).
const T0 = Date.UTC(2026, 10, 30, 23, 0, 0);
const DAY = 86_400_000;
const at = (h: number, m = 0) => new Date(T0 + h * 3_600_000 + m * 60_000);
const jid = (n: number) => `3461100040${n}@s.whatsapp.net`;
const GROUP = '120363000000000040@g.us';
const MIN = 60_000;

let w: GatewayWorld;
const tok = { admin: '', supervisor: '', employee: '', scoped: '' };
let seq = 0;

type Msg = { chat: string; time: Date; fromMe: boolean; userId?: string | null; status?: MessageStatus; kind?: MessageKind; session?: string };

async function messages(list: Msg[]): Promise<void> {
  await Message.create(
    list.map((m) => ({
      sessionId: m.session ?? 'rep-a',
      chatId: m.chat,
      messageId: `3EB0RP${(seq++).toString().padStart(6, '0')}`,
      fromMe: m.fromMe,
      userId: m.userId ?? null,
      kind: m.kind ?? 'text',
      text: 'hola',
      status: m.status ?? (m.fromMe ? 'delivered' : 'read'),
      timestamp: m.time,
    })),
  );
}

const report = (token: string, query: string) => w.api('GET', `/api/reports?${query}`, { token });
const period = (tz = 'Europe/Madrid') => `from=${T0}&to=${T0 + DAY}&tz=${encodeURIComponent(tz)}`;
const near = (v: number, expected: number) => expect(Math.abs(v - expected) / expected).toBeLessThan(0.011);

beforeAll(async () => {
  w = await openGateway('gw-reports');
  for (const who of ['admin', 'supervisor', 'employee'] as const) tok[who] = await w.login(who);
  const emp = w.users.employee.id;
  const sup = w.users.supervisor.id;
  await Session.create([{ sessionId: 'rep-a', name: 'Ventas' }, { sessionId: 'rep-b', name: 'Soporte' }]);
  await Chat.create([
    { sessionId: 'rep-a', jid: jid(1), lastMessageAt: at(34, 5) },
    { sessionId: 'rep-a', jid: jid(2), lastMessageAt: at(3), needsReply: true },
    { sessionId: 'rep-a', jid: jid(3), lastMessageAt: at(0, 30), handledAt: at(0, 40) },
    { sessionId: 'rep-a', jid: GROUP, isGroup: true, lastMessageAt: at(5, 1) },
    { sessionId: 'rep-a', jid: jid(5), lastMessageAt: at(-2) },
    { sessionId: 'rep-a', jid: jid(6), lastMessageAt: at(24, 10) },
    { sessionId: 'rep-b', jid: jid(1), lastMessageAt: at(6, 3) },
  ]);
  await messages([
    // Two waits: 5 minutes (the employee), 20 minutes (the supervisor).
    { chat: jid(1), time: at(1), fromMe: false },
    { chat: jid(1), time: at(1, 1), fromMe: false },
    { chat: jid(1), time: at(1, 5), fromMe: true, userId: emp },
    { chat: jid(1), time: at(2), fromMe: false },
    { chat: jid(1), time: at(2, 2), fromMe: false, kind: 'reaction' },
    { chat: jid(1), time: at(2, 20), fromMe: true, userId: sup },
    // The next day: past the period with no wait open, where reading this chat stops.
    { chat: jid(1), time: at(34), fromMe: false },
    { chat: jid(1), time: at(34, 5), fromMe: true, userId: emp },
    // Unanswered; and one marked as needing no reply (at 00:30 Madrid: still 30 November in UTC).
    { chat: jid(2), time: at(3), fromMe: false },
    { chat: jid(3), time: at(0, 30), fromMe: false },
    // A group: messages, no waits.
    { chat: GROUP, time: at(5), fromMe: false },
    { chat: GROUP, time: at(5, 1), fromMe: true, userId: emp },
    // Before the period: nothing.
    { chat: jid(5), time: at(-2), fromMe: false },
    // Ten minutes before the end, answered twenty minutes later (the next day).
    { chat: jid(6), time: at(23, 50), fromMe: false },
    { chat: jid(6), time: at(24, 10), fromMe: true, userId: emp },
    // Another session: a failed send does not answer; the phone does, after 3 minutes.
    { chat: jid(1), session: 'rep-b', time: at(6), fromMe: false },
    { chat: jid(1), session: 'rep-b', time: at(6, 1), fromMe: true, userId: emp, status: 'failed' },
    { chat: jid(1), session: 'rep-b', time: at(6, 3), fromMe: true, userId: null },
  ]);

  // A team lead who sees reports but only their own chats (and no colleague's name).
  const role = await Role.create({
    name: 'lead-own-chats',
    permissions: [
      { action: 'read', subject: 'Dashboard' },
      { action: 'read', subject: 'Chat', conditions: { assigned: true } },
      { action: 'read', subject: 'Message', conditions: { assigned: true } },
    ],
  });
  const password = `Pw-${randomBytes(4).toString('hex')}`;
  const lead = await User.create({ name: 'Lead', email: 'lead@test.local', role: role._id, passwordHash: await hashPassword(password), locale: 'es' });
  await Assignment.create({ sessionId: 'rep-a', chatId: jid(1), userId: lead._id });
  tok.scoped = await w.login({ id: String(lead._id), email: 'lead@test.local', password, locale: 'es' });
});
afterAll(async () => w?.close());

describe('GET /api/reports', () => {
  it('counts messages, waits and response times over the period, by person and session', async () => {
    const res = await report(tok.admin, period());
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.totals).toMatchObject({ received: 8, sent: 4, chats: 6, waits: 6, answered: 4, handled: 1, unanswered: 1, waitingNow: 1 });
    // Waits of 5, 20, 20 and 3 minutes: median the 2nd (5 min), 90th percentile the 4th (20 min).
    near(r.totals.responseTime.median, 5 * MIN);
    near(r.totals.responseTime.p90, 20 * MIN);

    const person = (id: string | null) => r.people.find((p: { userId: string | null }) => p.userId === id);
    expect(person(w.users.employee.id)).toMatchObject({ name: expect.any(String), replies: 2, chats: 2, answered: 2 });
    near(person(w.users.employee.id).responseTime.median, 5 * MIN);
    near(person(w.users.employee.id).responseTime.p90, 20 * MIN);
    expect(person(w.users.supervisor.id)).toMatchObject({ replies: 1, chats: 1, answered: 1 });
    expect(person(null)).toMatchObject({ name: null, replies: 1, answered: 1 });
    near(person(null).responseTime.median, 3 * MIN);
    expect(r.people[0].userId).toBe(w.users.employee.id);

    expect(r.sessions).toEqual([
      expect.objectContaining({ sessionId: 'rep-a', name: 'Ventas', received: 7, sent: 3, chats: 5, waits: 5, answered: 3, handled: 1, unanswered: 1 }),
      expect.objectContaining({ sessionId: 'rep-b', name: 'Soporte', received: 1, sent: 1, chats: 1, waits: 1, answered: 1 }),
    ]);
    expect(r.days).toEqual([{ day: '2026-12-01', received: 8, sent: 4 }]);
    // Hours in Madrid: the customer at 00:30, the two at 01:00 and 01:01 and our reply at 01:05, …
    expect(r.hours).toHaveLength(24);
    expect(r.hours[0]).toEqual({ hour: 0, received: 1, sent: 0 });
    expect(r.hours[1]).toEqual({ hour: 1, received: 2, sent: 1 });
    expect(r.hours[23]).toEqual({ hour: 23, received: 1, sent: 0 });
  });

  it('counts days in the time zone asked for', async () => {
    const res = await report(tok.admin, period('UTC'));
    expect(res.body.days).toEqual([
      { day: '2026-11-30', received: 1, sent: 0 },
      { day: '2026-12-01', received: 7, sent: 4 },
    ]);
    expect(res.body.hours[23]).toEqual({ hour: 23, received: 1, sent: 0 });
    expect(res.body.hours[22]).toEqual({ hour: 22, received: 1, sent: 0 });
  });

  it('narrows to one session', async () => {
    const res = await report(tok.supervisor, `${period()}&sessionId=rep-b`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ received: 1, sent: 1, answered: 1, waitingNow: 0 });
    expect(res.body.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual(['rep-b']);
  });

  it('counts only the chats the caller may read, and names nobody they may not read', async () => {
    const res = await report(tok.scoped, period());
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ received: 3, sent: 2, chats: 1, waits: 2, answered: 2, waitingNow: 0 });
    expect(res.body.people.every((p: { name: string | null }) => p.name === null)).toBe(true);
  });

  it('refuses those without the dashboard, and periods that are empty, too long or in an unknown zone', async () => {
    expect((await report(tok.employee, period())).status).toBe(403);
    const backwards = await report(tok.admin, `from=${T0}&to=${T0}`);
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'invalid_period']);
    const long = await report(tok.admin, `from=${T0}&to=${T0 + 94 * DAY}`);
    expect([long.status, long.body.error.code]).toEqual([400, 'period_too_long']);
    const zone = await report(tok.admin, `${period('Mars/Olympus')}`);
    expect(zone.status).toBe(400);
    expect(JSON.stringify(zone.body)).toContain('Unknown time zone');
  });
});
