/**
 * The team board over real HTTP and the real database: each active person the caller may read,
 * with their assigned chats, how many of those wait for a reply and since when the longest wait;
 * supervisors never see
 * admins, employees may not read it.
 */
import { Assignment, Chat, Role, Session, User } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../gateway/src/auth/passwords.ts';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'agents-1';
const jid = (n: number) => `3461100030${n}@s.whatsapp.net`;

let w: GatewayWorld;
const tok = { admin: '', supervisor: '', employee: '', outsider: '' };

interface Agent {
  id: string;
  name: string;
  role: string | null;
  assigned: number;
  waiting: number;
  waitingSince: number | null;
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
const since = { employee: minutesAgo(90), supervisor: minutesAgo(20) };

beforeAll(async () => {
  w = await openGateway('gw-agents');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await Session.create({ sessionId: SESSION, name: 'Equipo' });
  await Chat.create([
    { sessionId: SESSION, jid: jid(1), needsReply: true, waitingSince: minutesAgo(10), lastInboundAt: minutesAgo(1) },
    { sessionId: SESSION, jid: jid(2), needsReply: false, lastInboundAt: minutesAgo(500) },
    // A wait older than the field: its last incoming message says since when.
    { sessionId: SESSION, jid: jid(3), needsReply: true, lastInboundAt: since.supervisor },
    // Waiting, but put aside until tomorrow (not counted, nor its older wait), and one whose time has come (counted).
    { sessionId: SESSION, jid: jid(4), needsReply: true, waitingSince: minutesAgo(300), snoozedUntil: new Date(Date.now() + 86_400_000) },
    { sessionId: SESSION, jid: jid(5), needsReply: true, waitingSince: since.employee, snoozedUntil: new Date(Date.now() - 1000) },
  ]);
  await Assignment.create([
    { sessionId: SESSION, chatId: jid(1), userId: w.users.employee.id },
    { sessionId: SESSION, chatId: jid(2), userId: w.users.employee.id },
    { sessionId: SESSION, chatId: jid(4), userId: w.users.employee.id },
    { sessionId: SESSION, chatId: jid(5), userId: w.users.employee.id },
    { sessionId: SESSION, chatId: jid(3), userId: w.users.supervisor.id },
  ]);
  const employeeRole = await Role.findOne({ name: 'employee' }).lean();
  await User.create({ name: 'Ex Empleado', email: 'gone@test.local', role: employeeRole!._id, passwordHash: await hashPassword('Gone-pass-123'), active: false });
});
afterAll(async () => w?.close());

describe('team board', () => {
  it('lists active people with their chats, those waiting for a reply (not the ones put aside) and the longest wait', async () => {
    const res = await w.api('GET', '/api/agents', { token: tok.admin });
    expect(res.status).toBe(200);
    const byId = new Map((res.body.data as Agent[]).map((a) => [a.id, a]));
    expect(byId.get(w.users.employee.id)).toMatchObject({ role: 'employee', assigned: 4, waiting: 2, waitingSince: since.employee.getTime() });
    expect(byId.get(w.users.supervisor.id)).toMatchObject({ role: 'supervisor', assigned: 1, waiting: 1, waitingSince: since.supervisor.getTime() });
    expect(byId.get(w.users.admin.id)).toMatchObject({ role: 'admin', assigned: 0, waiting: 0, waitingSince: null });
    expect((res.body.data as Agent[]).some((a) => a.name === 'Ex Empleado')).toBe(false);
  });

  it('shows supervisors no admin, and employees nothing', async () => {
    const res = await w.api('GET', '/api/agents', { token: tok.supervisor });
    expect(res.status).toBe(200);
    const roles = new Set((res.body.data as Agent[]).map((a) => a.role));
    expect(roles.has('admin')).toBe(false);
    expect(roles.has('employee')).toBe(true);
    expect((await w.api('GET', '/api/agents', { token: tok.employee })).status).toBe(403);
    expect((await w.api('GET', '/api/agents')).status).toBe(401);
  });
});
